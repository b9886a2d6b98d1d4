'use strict';
// Shared helpers for the compat scripts: connect the npm 'consul' client to the agent named by
// TRELLIS_HTTP_ADDR, check expectations, and print one JSON document with every observation.
const Consul = require('consul');

function client() {
  const addr = process.env.TRELLIS_HTTP_ADDR;
  if (!addr) {
    throw new Error('TRELLIS_HTTP_ADDR is not set (expected http://host:port)');
  }
  const url = new URL(addr);
  return new Consul({ host: url.hostname, port: Number(url.port), secure: url.protocol === 'https:' });
}

function prefix() {
  return process.env.TRELLIS_PREFIX || `compat/${process.pid}`;
}

function check(condition, message, observed) {
  if (!condition) {
    const error = new Error(`${message}; observed: ${JSON.stringify(observed)}`);
    error.observed = observed;
    throw error;
  }
}

// Runs the scenario; prints {"ok":true,"results":{...}} or {"ok":false,"error":"...","results":{...}}.
async function run(scenario) {
  const results = {};
  const consul = client();
  try {
    await scenario(consul, results);
    process.stdout.write(JSON.stringify({ ok: true, results }) + '\n');
    process.exitCode = 0;
  } catch (err) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(err && err.stack || err), results }) + '\n');
    process.exitCode = 1;
  } finally {
    consul.destroy();
  }
}

module.exports = { check, prefix, run };
