// The browser tests. Each registers what it needs through the agent's real HTTP API, then drives the UI.
import assert from 'node:assert/strict';

async function api(baseUrl, method, path, body) {
  const res = await fetch(baseUrl + path, {
    method,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok && res.status !== 404 && !path.includes('filter=')) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { status: res.status, text, json: () => JSON.parse(text) };
}

function register(baseUrl, node, address, service, checks) {
  return api(baseUrl, 'PUT', '/v1/catalog/register', {
    Node: node,
    Address: address,
    Service: service,
    Checks: checks,
  });
}

async function seed(baseUrl) {
  await register(baseUrl, 'web-1', '10.0.1.11', { ID: 'web-1', Service: 'web', Tags: ['v2', 'http'], Port: 8080, Meta: { version: '2.4.1', team: 'storefront' } }, [
    { CheckID: 'web-1-http', Name: 'HTTP /health', Status: 'passing', ServiceID: 'web-1', Output: 'HTTP GET http://10.0.1.11:8080/health: 200 OK Output: ok' },
  ]);
  await register(baseUrl, 'web-2', '10.0.1.12', { ID: 'web-2', Service: 'web', Tags: ['v2', 'http'], Port: 8080, Meta: { version: '2.4.1' } }, [
    { CheckID: 'web-2-http', Name: 'HTTP /health', Status: 'passing', ServiceID: 'web-2', Output: 'HTTP GET http://10.0.1.12:8080/health: 200 OK Output: ok' },
  ]);
  await register(baseUrl, 'db-1', '10.0.2.21', { ID: 'db', Service: 'db', Tags: ['primary'], Port: 5432 }, [
    { CheckID: 'db-tcp', Name: 'TCP 5432', Status: 'critical', ServiceID: 'db', Output: 'dial tcp 10.0.2.21:5432: connect: connection refused' },
  ]);
  await register(baseUrl, 'cache-1', '10.0.3.31', { ID: 'cache', Service: 'cache', Tags: ['redis'], Port: 6379 }, [
    { CheckID: 'cache-mem', Name: 'Memory', Status: 'warning', ServiceID: 'cache', Output: 'used_memory 91% of maxmemory' },
  ]);
}

async function flip(baseUrl, status, output) {
  await register(baseUrl, 'api-1', '10.0.4.41', { ID: 'api-1', Service: 'api', Tags: ['grpc'], Port: 9090 }, [
    { CheckID: 'api-1-grpc', Name: 'gRPC health', Status: status, ServiceID: 'api-1', Output: output },
  ]);
}

// Runs body(0..count-1) with at most `inFlight` calls pending at once (registering thousands of instances quickly).
async function forEachInParallel(count, inFlight, body) {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < count) {
        await body(next++);
      }
    }),
  );
}

const row = (page, service) => page.locator(`[data-testid="service-row"][data-service="${service}"]`);

export const tests = [
  {
    name: 'Root_RedirectsToServicesList_WithHealthPerService',
    async run({ page, baseUrl, shot }) {
      await seed(baseUrl);
      const res = await fetch(baseUrl + '/', { redirect: 'manual' });
      assert.equal(res.status, 301);
      assert.equal(res.headers.get('location'), '/ui/');
      await page.goto(baseUrl + '/');
      await page.waitForURL(/\/ui\/dc1\/services$/);
      await row(page, 'web').waitFor();
      assert.equal(await row(page, 'web').getAttribute('data-health'), 'passing');
      assert.equal(await row(page, 'db').getAttribute('data-health'), 'critical');
      assert.equal(await row(page, 'cache').getAttribute('data-health'), 'warning');
      assert.match(await row(page, 'web').innerText(), /2 instances on 2 nodes/);
      assert.match(await row(page, 'consul').innerText(), /1 instance on 1 node/);
      assert.match(await row(page, 'web').innerText(), /v2/);
      await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
      await shot('services');
    },
  },
  {
    name: 'ServiceDetail_ShowsInstancesWithNodeAddressPortTagsMetaAndCheckOutput',
    async run({ page, baseUrl, shot }) {
      await seed(baseUrl);
      await page.goto(baseUrl + '/ui/dc1/services');
      await row(page, 'web').locator('a').click();
      await page.waitForURL(/\/ui\/dc1\/services\/web$/);
      const rows = page.locator('[data-testid="instance-row"]');
      await rows.first().waitFor();
      assert.equal(await rows.count(), 2);
      const detail = page.locator('[data-testid="instance-detail"]');
      assert.equal(await detail.getAttribute('data-instance'), 'web-1');
      assert.equal(await detail.getByTestId('instance-address').innerText(), '10.0.1.11');
      assert.equal(await detail.getByTestId('instance-port').innerText(), '8080');
      const text = await detail.innerText();
      assert.match(text, /web-1/);
      assert.match(text, /storefront/);
      assert.match(text, /v2/);
      assert.match(text, /200 OK Output: ok/);
      assert.equal(await detail.locator('[data-testid="check"]').getAttribute('data-status'), 'passing');
      await shot('service-detail');

      await page.goto(baseUrl + '/ui/dc1/services/db');
      const check = page.locator('[data-testid="check"][data-check="db-tcp"]');
      await check.waitFor();
      assert.equal(await check.getAttribute('data-status'), 'critical');
      assert.match(await check.innerText(), /connection refused/);
    },
  },
  {
    name: 'CheckFlip_UpdatesDetailAndListWithoutReload',
    async run({ page, baseUrl }) {
      await flip(baseUrl, 'passing', 'SERVING');
      await page.goto(baseUrl + '/ui/dc1/services/api');
      const check = page.locator('[data-testid="check"][data-check="api-1-grpc"]');
      await check.waitFor();
      assert.equal(await check.getAttribute('data-status'), 'passing');
      await page.evaluate(() => (window.__noReload = true));

      await flip(baseUrl, 'critical', 'NOT_SERVING: backend down');
      await page.locator('[data-testid="check"][data-check="api-1-grpc"][data-status="critical"]').waitFor({ timeout: 20000 });
      assert.match(await check.innerText(), /NOT_SERVING: backend down/);
      assert.equal(await page.locator('[data-testid="instance-row"]').getAttribute('data-health'), 'critical');

      await page.getByRole('link', { name: 'Services' }).first().click();
      await row(page, 'api').waitFor();
      assert.equal(await row(page, 'api').getAttribute('data-health'), 'critical');
      await flip(baseUrl, 'passing', 'SERVING');
      await page.locator('[data-testid="service-row"][data-service="api"][data-health="passing"]').waitFor({ timeout: 20000 });
      assert.equal(await page.evaluate(() => window.__noReload), true, 'the page reloaded');
    },
  },
  {
    name: 'TtlCheck_FailAndPassThroughAgentEndpoints_UpdateThePage',
    async run({ page, baseUrl }) {
      // A TTL check on a service registered with the local agent, driven by /v1/agent/check/fail|pass. A build
      // without the agent endpoints (404) flips an equivalent check through /v1/catalog/register instead.
      const hasAgentChecks = (await fetch(baseUrl + '/v1/agent/checks')).status !== 404;
      let setStatus;
      if (hasAgentChecks) {
        await api(baseUrl, 'PUT', '/v1/agent/service/register', { Name: 'ttl-svc', ID: 'ttl-svc', Port: 7000, Check: { TTL: '10m' } });
        const checks = (await api(baseUrl, 'GET', '/v1/agent/checks')).json();
        const id = Object.keys(checks).find((k) => checks[k].ServiceID === 'ttl-svc');
        assert.ok(id, 'the TTL check was not registered: ' + JSON.stringify(checks));
        setStatus = (status, note) =>
          api(baseUrl, 'PUT', `/v1/agent/check/${status === 'passing' ? 'pass' : 'fail'}/${encodeURIComponent(id)}?note=${encodeURIComponent(note)}`);
      } else {
        setStatus = (status, note) =>
          register(baseUrl, 'ttl-node', '10.0.5.51', { ID: 'ttl-svc', Service: 'ttl-svc', Port: 7000 }, [
            { CheckID: 'service:ttl-svc', Name: 'TTL', Status: status, ServiceID: 'ttl-svc', Output: note },
          ]);
      }
      await setStatus('passing', 'heartbeat ok');
      await page.goto(baseUrl + '/ui/dc1/services/ttl-svc');
      const ttl = page.locator('[data-testid="instance-detail"] [data-testid="check"][data-status="passing"]', { hasText: 'heartbeat ok' });
      await ttl.waitFor({ timeout: 20000 });
      await setStatus('critical', 'worker stalled');
      await page.locator('[data-testid="instance-detail"] [data-testid="check"][data-status="critical"]', { hasText: 'worker stalled' }).waitFor({ timeout: 20000 });
      assert.equal(await page.locator('[data-testid="instance-row"]').getAttribute('data-health'), 'critical');
      await setStatus('passing', 'heartbeat back');
      await page.locator('[data-testid="instance-detail"] [data-testid="check"][data-status="passing"]', { hasText: 'heartbeat back' }).waitFor({ timeout: 20000 });
    },
  },
  {
    name: 'QuietPage_WaitsOnBlockingQueries_WithoutPolling',
    async run({ page, baseUrl }) {
      await seed(baseUrl);
      const requests = [];
      page.on('request', (r) => {
        if (r.url().includes('/v1/')) requests.push({ url: r.url(), at: Date.now() });
      });
      await page.goto(baseUrl + '/ui/dc1/services/web');
      await page.locator('[data-testid="instance-detail"]').waitFor();
      await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
      await page.waitForTimeout(1500);
      // Nothing changes now: every query should be parked in a blocking request (?index=...&wait=) at the agent.
      const start = Date.now();
      await page.waitForTimeout(5000);
      const during = requests.filter((r) => r.at >= start);
      assert.ok(during.length <= 2, `${during.length} API requests in 5 s on a quiet page: ${during.map((r) => r.url).join(', ')}`);
      const blocking = requests.filter((r) => /[?&]index=\d+.*wait=/.test(r.url));
      assert.ok(blocking.length >= 1, 'no blocking query was issued: ' + requests.map((r) => r.url).join(', '));
    },
  },
  {
    name: 'Search_AndServerSideFilter_NarrowTheList',
    async run({ page, baseUrl }) {
      await seed(baseUrl);
      await page.goto(baseUrl + '/ui/dc1/services');
      await row(page, 'db').waitFor();
      await page.keyboard.press('/');
      await page.keyboard.type('redis');
      await page.locator('[data-testid="service-row"]').first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="service-row"]').length === 1);
      assert.equal(await page.locator('[data-testid="service-row"]').getAttribute('data-service'), 'cache');
      await page.getByLabel('Search services by name or tag').fill('');

      const expression = 'Service.Tags contains "primary"';
      await page.getByLabel('Server-side filter expression').fill(expression);
      await page.getByRole('button', { name: 'Apply' }).click();
      await page.waitForURL(/filter=/);
      // The expression goes to the agent as ?filter=; what the UI shows must be what the agent answers.
      const direct = await api(baseUrl, 'GET', '/v1/internal/ui/services?filter=' + encodeURIComponent(expression));
      if (direct.status === 200) {
        assert.deepEqual(direct.json().map((s) => s.Name), ['db']);
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="service-row"]').length === 1);
        assert.equal(await page.locator('[data-testid="service-row"]').getAttribute('data-service'), 'db');
      } else {
        const error = page.getByTestId('error-state');
        await error.waitFor();
        assert.equal(await error.getAttribute('data-status'), String(direct.status));
        assert.ok((await error.innerText()).includes(direct.text.trim()), 'the agent\'s error text is shown');
      }
    },
  },
  {
    name: 'Keyboard_ArrowsAndEnter_OpenAService',
    async run({ page, baseUrl }) {
      await seed(baseUrl);
      await page.goto(baseUrl + '/ui/dc1/services');
      await row(page, 'cache').waitFor();
      const list = page.getByRole('list', { name: /Services/ });
      await list.focus();
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      const active = await page.locator('.vrow.active [data-testid="service-row"]').getAttribute('data-service');
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/ui/dc1/services/${active}$`));
      await page.locator('h1', { hasText: active }).waitFor();
    },
  },
  {
    name: 'NodesListAndNodeDetail_ShowServicesAndChecks',
    async run({ page, baseUrl, shot }) {
      await seed(baseUrl);
      await page.goto(baseUrl + '/ui/dc1/nodes');
      const node = page.locator('[data-testid="node-row"][data-node="db-1"]');
      await node.waitFor();
      assert.equal(await node.getAttribute('data-health'), 'critical');
      await shot('nodes');
      await node.locator('a').click();
      await page.waitForURL(/\/ui\/dc1\/nodes\/db-1$/);
      await page.getByTestId('node-address').waitFor();
      assert.equal(await page.getByTestId('node-address').innerText(), '10.0.2.21');
      assert.match(await page.getByTestId('node-service').innerText(), /db/);
      assert.equal(await page.locator('[data-testid="check"]').getAttribute('data-status'), 'critical');
      await shot('node-detail');
    },
  },
  {
    name: 'Kv_CreateEditDelete_ThroughTheUi',
    async run({ page, baseUrl, shot }) {
      await api(baseUrl, 'PUT', '/v1/kv/app/feature-flags', '{"beta": true}');
      await page.goto(baseUrl + '/ui/dc1/kv/');
      await page.locator('[data-testid="kv-row"][data-key="app/"]').waitFor();
      await page.getByTestId('kv-create').click();
      await page.getByTestId('kv-name').fill('app/config/db-url');
      await page.getByTestId('kv-value').fill('postgres://db-1:5432/shop');
      await page.getByTestId('kv-save').click();
      await page.waitForURL(/\/kv\/app\/config\/db-url\/edit$/);
      let stored = await api(baseUrl, 'GET', '/v1/kv/app/config/db-url?raw');
      assert.equal(stored.text, 'postgres://db-1:5432/shop');

      await page.getByTestId('kv-value').fill('postgres://db-2:5432/shop');
      await page.getByTestId('kv-save').click();
      await page.getByTestId('kv-saved').waitFor();
      stored = await api(baseUrl, 'GET', '/v1/kv/app/config/db-url?raw');
      assert.equal(stored.text, 'postgres://db-2:5432/shop');
      await shot('kv-edit');

      // Creating a key that exists is refused (cas=0), not an overwrite.
      await page.goto(baseUrl + '/ui/dc1/kv/app/create');
      await page.getByTestId('kv-name').fill('feature-flags');
      await page.getByTestId('kv-value').fill('clobbered');
      await page.getByTestId('kv-save').click();
      await page.getByTestId('kv-error').waitFor();
      assert.match(await page.getByTestId('kv-error').innerText(), /already exists/);
      assert.equal((await api(baseUrl, 'GET', '/v1/kv/app/feature-flags?raw')).text, '{"beta": true}');

      await page.goto(baseUrl + '/ui/dc1/kv/app/');
      await page.locator('[data-testid="kv-row"][data-key="app/config/"]').waitFor();
      await shot('kv');

      await page.goto(baseUrl + '/ui/dc1/kv/app/config/db-url/edit');
      await page.getByTestId('kv-delete').click();
      await page.waitForURL(/\/kv\/app\/config\/$/);
      stored = await api(baseUrl, 'GET', '/v1/kv/app/config/db-url');
      assert.equal(stored.status, 404);
    },
  },
  {
    name: 'Kv_ConcurrentEdit_IsReportedAsCasConflict_AndNotOverwritten',
    async run({ page, baseUrl, shot }) {
      await api(baseUrl, 'PUT', '/v1/kv/app/replicas', '3');
      await page.goto(baseUrl + '/ui/dc1/kv/app/replicas/edit');
      await page.getByTestId('kv-value').waitFor();
      assert.equal(await page.getByTestId('kv-value').inputValue(), '3');
      // Another editor writes first.
      await api(baseUrl, 'PUT', '/v1/kv/app/replicas', '5');
      await page.getByTestId('kv-value').fill('4');
      await page.getByTestId('kv-save').click();
      await page.getByTestId('kv-conflict').waitFor();
      assert.match(await page.getByTestId('kv-conflict').innerText(), /changed by someone else/);
      assert.equal((await api(baseUrl, 'GET', '/v1/kv/app/replicas?raw')).text, '5');
      await shot('kv-conflict');
      // Overwriting is an explicit choice, itself a CAS on the index just seen.
      await page.getByTestId('kv-overwrite').click();
      await page.getByTestId('kv-saved').waitFor();
      assert.equal((await api(baseUrl, 'GET', '/v1/kv/app/replicas?raw')).text, '4');
    },
  },
  {
    name: 'Kv_BinaryValue_IsShownAsBinaryAndNotEditable',
    async run({ page, baseUrl }) {
      const bytes = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x41]);
      const res = await fetch(baseUrl + '/v1/kv/app/blob', { method: 'PUT', body: bytes });
      assert.equal(res.status, 200);
      await page.goto(baseUrl + '/ui/dc1/kv/app/blob/edit');
      await page.getByTestId('kv-binary').waitFor();
      assert.match(await page.getByTestId('kv-binary').innerText(), /5 bytes of binary data/);
      assert.equal(await page.getByTestId('kv-save').isDisabled(), true);
      const stored = new Uint8Array(await (await fetch(baseUrl + '/v1/kv/app/blob?raw')).arrayBuffer());
      assert.deepEqual([...stored], [...bytes]);
    },
  },
  {
    name: 'ErrorStates_PermissionDeniedAndUnreachable_AreShown',
    async run({ page, baseUrl, shot }) {
      await page.goto(baseUrl + '/ui/dc1/token');
      await page.getByTestId('token-input').fill('00000000-0000-0000-0000-000000000001');
      await page.getByRole('button', { name: 'Save token' }).click();
      await page.getByRole('status').filter({ hasText: 'Token saved' }).waitFor();
      assert.equal(await page.evaluate(() => localStorage.getItem('trellis:token')), '00000000-0000-0000-0000-000000000001');
      await shot('token');
      let sentToken;
      page.on('request', (r) => {
        if (r.url().includes('/v1/catalog/datacenters')) sentToken = r.headers()['x-consul-token'];
      });
      await page.goto(baseUrl + '/ui/dc1/services');
      await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
      assert.equal(sentToken, '00000000-0000-0000-0000-000000000001', 'the token is sent as X-Consul-Token');
      await page.getByRole('link', { name: /Token/ }).click();
      await page.getByRole('button', { name: 'Clear' }).click();
      await page.getByRole('link', { name: 'Services' }).first().click();
      await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
      // The dev agent has no ACLs, so a 403 is produced in the browser's network layer; so is the lost connection.
      await page.route('**/v1/internal/ui/nodes*', (route) => route.fulfill({ status: 403, body: 'ACL not found' }));
      await page.getByRole('link', { name: 'Nodes' }).first().click();
      const error = page.getByTestId('error-state');
      await error.waitFor();
      assert.equal(await error.getAttribute('data-status'), '403');
      assert.match(await error.innerText(), /Permission denied/);
      await shot('error-permission-denied');

      await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
      await page.getByRole('link', { name: 'Key / Value' }).first().click();
      await page.locator('[data-testid="error-state"][data-status="0"]').waitFor();
      assert.match(await page.getByTestId('error-state').innerText(), /Agent unreachable/);
      await page.locator('[data-testid="connection"][data-state="reconnecting"]').waitFor();
      await shot('error-unreachable');
      await page.unroute('**/v1/**');
      await page.unroute('**/v1/internal/ui/nodes*');
      await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: 20000 });
    },
  },
  {
    name: 'PhoneViewport_DarkTheme_IsReadable',
    async run({ browser, baseUrl, shotOf }) {
      await seed(baseUrl);
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true });
      try {
        const page = await context.newPage();
        await page.goto(baseUrl + '/ui/dc1/services');
        await row(page, 'web').waitFor();
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`);
        await shotOf(page, 'services-phone-dark');
        await page.goto(baseUrl + '/ui/dc1/services/web');
        await page.locator('[data-testid="instance-detail"]').waitFor();
        await page.getByTestId('theme-toggle').click();
        assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'light');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'ServiceWithThousandsOfInstances_InstanceListIsWindowed',
    async run({ page, baseUrl }) {
      const total = 3000;
      await forEachInParallel(total, 16, async (i) => {
        const id = `big-${String(i).padStart(4, '0')}`;
        await register(baseUrl, `big-node-${i % 300}`, `10.8.${i % 250}.${i % 200}`, { ID: id, Service: 'big', Port: 30000 + i }, [
          { CheckID: id + '-alive', Name: 'alive', Status: i % 10 === 0 ? 'critical' : 'passing', ServiceID: id },
        ]);
      });
      await page.goto(baseUrl + '/ui/dc1/services/big');
      await page.waitForFunction((n) => document.querySelector('.split-list .count')?.textContent === String(n), total);
      const rendered = await page.locator('[data-testid="instance-row"]').count();
      assert.ok(rendered < 100, `${rendered} instance rows in the DOM for ${total} instances: the list is not windowed`);
      const list = page.getByRole('list', { name: /Instances/ });
      await list.focus();
      const first = await page.getByTestId('instance-detail').getAttribute('data-instance');
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      // Sorted by node then ID: the last row is big-2799 on big-node-99.
      const last = await page.locator('.vrow.active [data-testid="instance-row"]').getAttribute('data-instance');
      assert.equal(last, 'big-2799');
      assert.notEqual(last, first);
      await page.locator('[data-testid="instance-detail"][data-instance="big-2799"]').waitFor();
      assert.match(await page.getByTestId('instance-detail').innerText(), /32799/);
    },
  },
  {
    name: 'FiveThousandServices_ListStaysWindowedAndSearchable',
    async run({ page, baseUrl }) {
      const total = 5000;
      const ops = [];
      for (let i = 0; i < total; i++) {
        const id = `bulk-${String(i).padStart(4, '0')}`;
        ops.push({ Node: { Node: `bulk-node-${i % 50}`, Address: `10.9.${i % 50}.1`, Service: { ID: id, Service: id, Tags: [`shard-${i % 7}`], Port: 20000 + (i % 1000) } } });
      }
      // Registered through the catalog API, 16 at a time.
      await forEachInParallel(ops.length, 16, (i) => register(baseUrl, ops[i].Node.Node, ops[i].Node.Address, ops[i].Node.Service, []));
      await page.goto(baseUrl + '/ui/dc1/services');
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="service-count"]')?.textContent) >= n, total);
      const rendered = await page.locator('[data-testid="service-row"]').count();
      assert.ok(rendered < 100, `${rendered} rows in the DOM for ${total} services: the list is not windowed`);
      const list = page.getByRole('list', { name: /Services/ });
      await list.focus();
      await page.keyboard.press('End');
      await page.locator('[data-testid="service-row"][data-service="web"]').waitFor();
      await page.getByLabel('Search services by name or tag').fill('bulk-4999');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="service-row"]').length === 1);
    },
  },
  {
    // Issue 5: 5,000 nodes x 10 services = 50,000 instances (1,000 service names of 50 instances each). Registered
    // through the catalog API, 64 requests in flight; every 500th node has a critical node check.
    name: 'FiftyThousandInstances_NodesAndServicesListsStayWindowedAndSearchable',
    async run({ page, baseUrl }) {
      const nodes = 5000;
      const perNode = 10;
      const total = nodes * perNode;
      const name = (n) => `scale-node-${String(n).padStart(5, '0')}`;
      await forEachInParallel(total, 64, async (i) => {
        const n = Math.floor(i / perNode);
        const k = i % perNode;
        const id = `scale-${String((n * perNode + k) % 1000).padStart(4, '0')}-${n}`;
        const checks = k === 0 ? [{ CheckID: 'alive', Name: 'alive', Status: n % 500 === 0 ? 'critical' : 'passing' }] : [];
        await register(baseUrl, name(n), `10.${100 + (n >> 8)}.${n & 255}.1`, { ID: id, Service: id.slice(0, 10), Port: 40000 + k }, checks);
      });

      // Nodes: one list of 5,000+ rows, windowed; search, then keyboard to a node's detail.
      await page.goto(baseUrl + '/ui/dc1/nodes');
      await page.waitForFunction((n) => Number(document.querySelector('h1 .count')?.textContent) >= n, nodes);
      const nodeRows = await page.locator('[data-testid="node-row"]').count();
      assert.ok(nodeRows < 100, `${nodeRows} node rows in the DOM for ${nodes} nodes: the list is not windowed`);
      const search = page.getByLabel('Search nodes');
      await search.fill(name(500));
      const critical = page.locator(`[data-testid="node-row"][data-node="${name(500)}"]`);
      await critical.waitFor();
      assert.equal(await critical.getAttribute('data-health'), 'critical');
      assert.equal(await critical.getByTestId('node-services').innerText(), '10 services');
      await search.fill('scale-node-0499');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="node-row"]').length === 10);
      await page.getByRole('list', { name: /Nodes/ }).focus();
      await page.keyboard.press('End');
      await page.locator(`.vrow.active [data-testid="node-row"][data-node="${name(4999)}"]`).waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL(new RegExp(`/ui/dc1/nodes/${name(4999)}$`));
      await page.getByTestId('node-address').waitFor();
      assert.equal(await page.getByTestId('node-address').innerText(), '10.119.135.1');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="node-service"]').length === 10);

      // Services: 1,000 names of 50 instances each, windowed; search and keyboard open one.
      await page.goto(baseUrl + '/ui/dc1/services');
      await page.locator('[data-testid="service-row"]').first().waitFor();
      await page.getByLabel('Search services by name or tag').fill('scale-0999');
      const svc = page.locator('[data-testid="service-row"][data-service="scale-0999"]');
      await svc.waitFor();
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="service-row"]').length === 1);
      assert.match(await svc.getByTestId('instance-count').innerText(), /\b50\b/);
      await page.getByLabel('Search services by name or tag').fill('scale-');
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="service-count"]')?.textContent) === 1000);
      const serviceRows = await page.locator('[data-testid="service-row"]').count();
      assert.ok(serviceRows < 100, `${serviceRows} service rows in the DOM for 1,000 services: the list is not windowed`);
      await page.getByRole('list', { name: /Services/ }).focus();
      await page.keyboard.press('End');
      await page.locator('.vrow.active [data-testid="service-row"][data-service="scale-0999"]').waitFor();
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/ui\/dc1\/services\/scale-0999$/);
      await page.locator('h1', { hasText: 'scale-0999' }).waitFor();
    },
  },
  {
    // End moves the active row far out of the rendered window; an Enter pressed at once must open that row, not
    // wait for the scroll event to render it.
    name: 'Keyboard_EndThenEnterAtOnce_OpensTheLastService',
    async run({ page, baseUrl }) {
      const total = 300;
      await forEachInParallel(total, 16, (i) => {
        const id = `zz-end-${String(i).padStart(3, '0')}`;
        return register(baseUrl, `end-node-${i % 10}`, `10.77.0.${(i % 10) + 1}`, { ID: id, Service: id, Port: 7000 + i }, []);
      });
      await page.goto(baseUrl + '/ui/dc1/services');
      await page.locator('[data-testid="service-row"]').first().waitFor();
      await page.getByLabel('Search services by name or tag').fill('zz-end-');
      await page.waitForFunction((n) => Number(document.querySelector('[data-testid="service-count"]')?.textContent) === n, total);
      const list = page.getByRole('list', { name: /Services/ });
      await list.focus();
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/ui\/dc1\/services\/zz-end-299$/);
      await page.locator('h1', { hasText: 'zz-end-299' }).waitFor();
    },
  },
];
