'use strict';
// Transactions through the npm 'consul' client: a successful mixed txn and a failing one that applies nothing.
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

  await consul.kv.del({ key: `${p}/`, recurse: true });
});
