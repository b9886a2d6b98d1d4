'use strict';
// Agent services and checks through the npm 'consul' client: a service registered with a TTL check and a TCP check
// (against the agent's own HTTP listener), read back through agent.service.list, agent.check.list and health.service.
const { check, prefix, run } = require('./common');

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

run(async (consul, r) => {
  const name = `compat-${prefix().replace(/[^a-zA-Z0-9-]/g, '-')}`;
  const addr = new URL(process.env.TRELLIS_HTTP_ADDR);

  await consul.agent.service.register({
    name,
    id: `${name}-1`,
    tags: ['compat'],
    port: 8080,
    checks: [
      { checkid: `${name}-ttl`, name: 'ttl', ttl: '60s' },
      { checkid: `${name}-tcp`, name: 'tcp', tcp: `${addr.hostname}:${addr.port}`, interval: '1s' },
    ],
  });

  const services = await consul.agent.service.list();
  r.service = services[`${name}-1`];
  check(r.service && r.service.Service === name && r.service.Port === 8080, 'service listed by the agent', services);

  let checks = await consul.agent.check.list();
  r.ttlInitial = checks[`${name}-ttl`] && checks[`${name}-ttl`].Status;
  check(r.ttlInitial === 'critical', 'TTL check starts critical', checks[`${name}-ttl`]);

  await consul.agent.check.pass({ id: `${name}-ttl`, note: 'from node' });

  // The TCP check runs every second (after a stagger of up to one interval): wait for it, bounded.
  let passing = [];
  for (let i = 0; i < 100 && passing.length === 0; i++) {
    passing = await consul.health.service({ service: name, passing: true });
    if (passing.length === 0) await sleep(200);
  }
  r.passingCount = passing.length;
  check(passing.length === 1, 'service passing once both checks pass', passing);
  r.healthChecks = passing[0].Checks.map((c) => [c.CheckID, c.Status]).sort();
  r.serviceId = passing[0].Service.ID;

  checks = await consul.agent.check.list();
  r.ttlOutput = checks[`${name}-ttl`].Output;
  r.tcpStatus = checks[`${name}-tcp`].Status;

  await consul.agent.check.fail({ id: `${name}-ttl` });
  r.passingAfterFail = (await consul.health.service({ service: name, passing: true })).length;
  check(r.passingAfterFail === 0, 'a failed TTL check takes the service out of ?passing', r.passingAfterFail);

  await consul.agent.service.deregister(`${name}-1`);
  r.afterDeregister = (await consul.health.service(name)).length;
  checks = await consul.agent.check.list();
  r.checksAfterDeregister = Object.keys(checks).filter((id) => id.startsWith(name)).length;
});
