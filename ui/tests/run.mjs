// Browser tests of the web UI: playwright-core drives Debian's chromium against a real, running Trellis agent.
//
//   node ui/tests/run.mjs --base-url http://127.0.0.1:8500 [--out results.json] [--screenshots dir] [--only name]
//
// The agent must be a fresh `trellis agent -dev` (test/Trellis.Ui.Tests starts one on a free loopback port and runs
// this script). Tests run one after another in one browser; each prints a line, and the last line is the summary
// "N passed, N failed". --out writes [{name, passed, error, ms}] for the xunit wrapper to assert on.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tests } from './ui.tests.mjs';

const args = process.argv.slice(2);
function arg(name, fallback) {
  const i = args.indexOf('--' + name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
}

const here = dirname(fileURLToPath(import.meta.url));
const baseUrl = (arg('base-url', process.env.TRELLIS_HTTP_ADDR) ?? '').replace(/\/$/, '');
const out = arg('out');
const shots = resolve(arg('screenshots', resolve(here, '../test-results/screenshots')));
const only = arg('only');
const executablePath = arg('chromium', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
const TEST_TIMEOUT_MS = Number(arg('test-timeout', '90000'));

if (!baseUrl) {
  console.error('usage: node ui/tests/run.mjs --base-url http://127.0.0.1:8500');
  process.exit(2);
}
if (!existsSync(executablePath)) {
  console.error(`chromium not found at ${executablePath}; run scripts/install-test-deps.sh (apt-get install chromium)`);
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  timeout: 60000,
});

const results = [];
try {
  for (const test of tests) {
    if (only && test.name !== only) continue;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    context.setDefaultTimeout(15000);
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('dialog', (d) => d.accept());
    const started = Date.now();
    let error;
    let timer;
    try {
      await Promise.race([
        test.run({ page, context, browser, baseUrl, shot: (name) => page.screenshot({ path: resolve(shots, name + '.png') }), shotOf: (p, name) => p.screenshot({ path: resolve(shots, name + '.png') }) }),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS);
        }),
      ]);
      if (consoleErrors.length) throw new Error('uncaught errors in the page: ' + consoleErrors.join('; '));
    } catch (e) {
      error = (e && e.stack) || String(e);
      await page.screenshot({ path: resolve(shots, 'FAILED-' + test.name.replace(/\W+/g, '-') + '.png') }).catch(() => {});
    } finally {
      clearTimeout(timer);
      await context.close().catch(() => {});
    }
    const ms = Date.now() - started;
    results.push({ name: test.name, passed: !error, error: error ?? null, ms });
    console.log(`${error ? 'FAIL' : 'ok  '} ${test.name} (${ms} ms)${error ? '\n' + error : ''}`);
  }
} finally {
  await browser.close();
}

if (out) {
  mkdirSync(dirname(resolve(out)), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2));
}
const failed = results.filter((r) => !r.passed).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
