'use strict';
// Transactions through the npm 'consul' client: a successful mixed txn, a failing one that applies nothing, and
// catalog (Node/Service/Check) operations read back through the client's health API.
const { check, prefix, run } = require('./common');

const b64 = (s) => Buffer.from(s).toString('base64');

run(async (consul, r) => {
  const p = prefix();

  const ok = await consul.transaction.create([
    { KV: { Verb: 'set', Key: `${p}/x`, Value: b64('1') } },
    { KV: { Verb: 'set', Key: `${p}/y`, Value: b64('2') } },
    { KV: { Verb: 'get', Key: `${p}/x` } },
  ]);
  r.okResults = ok.Results.length;
  r.okGet = Buffer.from(ok.Results[2].KV.Value, 'base64').toString();
  check(ok.Results.length === 3 && r.okGet === '1', 'txn applied', ok);

  let conflict;
  try {
    await consul.transaction.create([
      { KV: { Verb: 'set', Key: `${p}/z`, Value: b64('3') } },
      { KV: { Verb: 'check-not-exists', Key: `${p}/x` } },
    ]);
  } catch (err) {
    conflict = err;
  }
  r.conflictStatus = conflict && conflict.statusCode;
  check(conflict && conflict.statusCode === 409, 'failing txn rejected with 409', r.conflictStatus);
  r.zAbsent = (await consul.kv.get(`${p}/z`)) === undefined;
  check(r.zAbsent, 'failing txn applied nothing', r.zAbsent);

  const node = `${p.replace(/\//g, '-')}-node`;
  const catalog = await consul.transaction.create([
    { Node: { Verb: 'set', Node: { Node: node, Address: '10.80.0.1' } } },
    { Service: { Verb: 'set', Node: node, Service: { Service: `${node}-svc`, Port: 8080 } } },
    { Check: { Verb: 'set', Check: { Node: node, Name: 'alive', ServiceID: `${node}-svc`, Status: 'passing' } } },
  ]);
  r.catalogResults = catalog.Results.map((x) => Object.keys(x)[0]).join(',');
  check(r.catalogResults === 'Node,Service,Check', 'catalog txn results', catalog);
  const healthy = await consul.health.service({ service: `${node}-svc`, passing: true });
  r.healthyNode = healthy.length === 1 ? healthy[0].Node.Node : null;
  check(r.healthyNode === node, 'txn-registered service is healthy', healthy);
  await consul.transaction.create([{ Node: { Verb: 'delete', Node: { Node: node } } }]);
  r.nodeGone = (await consul.catalog.node.services(node)) == null;
  check(r.nodeGone, 'txn delete removed the node', r.nodeGone);

  await consul.kv.del({ key: `${p}/`, recurse: true });
});
