'use strict';
// KV through the npm 'consul' client: set/get/keys/del, flags, cas on set and delete.
const { check, prefix, run } = require('./common');

run(async (consul, r) => {
  const p = prefix();

  r.setA = await consul.kv.set(`${p}/a`, 'hello');
  check(r.setA === true, 'set a', r.setA);

  r.setB = await consul.kv.set({ key: `${p}/dir/b`, value: 'world', flags: 42 });
  check(r.setB === true, 'set b with flags', r.setB);

  const a = await consul.kv.get(`${p}/a`);
  r.getA = { Key: a.Key, Value: a.Value, Flags: a.Flags, CreateIndex: a.CreateIndex, ModifyIndex: a.ModifyIndex };
  check(a.Value === 'hello' && a.Flags === 0 && a.ModifyIndex > 0, 'get a', r.getA);

  const b = await consul.kv.get(`${p}/dir/b`);
  r.flagsB = b.Flags;
  check(b.Flags === 42, 'flags of b', b.Flags);

  r.missing = (await consul.kv.get(`${p}/missing`)) === undefined;
  check(r.missing, 'missing key reads as undefined', r.missing);

  r.keys = await consul.kv.keys(`${p}/`);
  check(JSON.stringify(r.keys) === JSON.stringify([`${p}/a`, `${p}/dir/b`]), 'keys', r.keys);

  r.keysSeparator = await consul.kv.keys({ key: `${p}/`, separator: '/' });
  check(JSON.stringify(r.keysSeparator) === JSON.stringify([`${p}/a`, `${p}/dir/`]), 'keys with separator', r.keysSeparator);

  const tree = await consul.kv.get({ key: `${p}/`, recurse: true });
  r.recurse = tree.map((e) => [e.Key, e.Value]);
  check(tree.length === 2 && tree[1].Value === 'world', 'recurse', r.recurse);

  // The client resolves a 'false' answer as undefined (papi drops falsy bodies), so record it as a string.
  r.casCreateExisting = String(await consul.kv.set({ key: `${p}/a`, value: 'nope', cas: 0 }));
  check(r.casCreateExisting !== 'true', 'cas=0 on existing key', r.casCreateExisting);

  r.casStale = String(await consul.kv.set({ key: `${p}/a`, value: 'stale', cas: a.ModifyIndex + 1000 }));
  check(r.casStale !== 'true', 'cas with wrong index', r.casStale);
  r.afterFailedCas = (await consul.kv.get(`${p}/a`)).Value;
  check(r.afterFailedCas === 'hello', 'failed cas left the value alone', r.afterFailedCas);

  r.casCurrent = await consul.kv.set({ key: `${p}/a`, value: 'updated', cas: a.ModifyIndex });
  check(r.casCurrent === true, 'cas with current index', r.casCurrent);
  r.afterCas = (await consul.kv.get(`${p}/a`)).Value;
  check(r.afterCas === 'updated', 'value after cas', r.afterCas);

  const current = await consul.kv.get(`${p}/a`);
  r.delCasStale = String(await consul.kv.del({ key: `${p}/a`, cas: current.ModifyIndex - 1 }));
  check(r.delCasStale !== 'true', 'delete with wrong cas', r.delCasStale);
  r.afterFailedDelete = (await consul.kv.get(`${p}/a`)) !== undefined;
  check(r.afterFailedDelete, 'failed delete-cas kept the key', r.afterFailedDelete);
  r.delCasCurrent = await consul.kv.del({ key: `${p}/a`, cas: current.ModifyIndex });
  check(r.delCasCurrent === true, 'delete with current cas', r.delCasCurrent);
  r.afterDelete = (await consul.kv.get(`${p}/a`)) === undefined;
  check(r.afterDelete, 'deleted key is gone', r.afterDelete);

  r.delTree = await consul.kv.del({ key: `${p}/`, recurse: true });
  r.afterDelTree = await consul.kv.get({ key: `${p}/`, recurse: true });
  check(r.afterDelTree === undefined, 'tree gone after recursive delete', r.afterDelTree);
});
