'use strict';
// Sessions through the npm 'consul' client: create, info, list, node, renew, locks via kv.set acquire/release, destroy.
const { check, prefix, run } = require('./common');

run(async (consul, r) => {
  const p = prefix();
  const key = `${p}/lock`;

  const first = await consul.session.create({ name: 'compat-first', ttl: '30s', lockdelay: '1s' });
  const second = await consul.session.create({ name: 'compat-second' });
  r.created = [typeof first.ID, typeof second.ID];
  check(typeof first.ID === 'string' && first.ID.length === 36, 'create returns an ID', first);

  const info = await consul.session.info(first.ID);
  r.info = { ID: info.ID, Name: info.Name, Node: info.Node, TTL: info.TTL, Behavior: info.Behavior, LockDelay: info.LockDelay };
  check(info.ID === first.ID && info.Name === 'compat-first' && info.TTL === '30s', 'info', r.info);

  const list = await consul.session.list();
  r.listed = list.some((s) => s.ID === first.ID) && list.some((s) => s.ID === second.ID);
  check(r.listed, 'list has both sessions', list.map((s) => s.ID));

  const onNode = await consul.session.node(info.Node);
  r.onNode = onNode.some((s) => s.ID === first.ID);
  check(r.onNode, 'node lists the session', onNode.map((s) => s.ID));

  const renewed = await consul.session.renew(first.ID);
  r.renewed = Array.isArray(renewed) && renewed.length === 1 && renewed[0].ID === first.ID;
  check(r.renewed, 'renew returns the session', renewed);

  r.acquireFirst = await consul.kv.set({ key, value: 'first', acquire: first.ID });
  check(r.acquireFirst === true, 'first acquires', r.acquireFirst);

  // The client resolves a 'false' answer as undefined (papi drops falsy bodies), so record it as a string.
  r.acquireSecondWhileHeld = String(await consul.kv.set({ key, value: 'second', acquire: second.ID }));
  check(r.acquireSecondWhileHeld !== 'true', 'second cannot acquire a held lock', r.acquireSecondWhileHeld);

  const held = await consul.kv.get(key);
  r.holder = held.Session === first.ID ? 'first' : held.Session;
  r.lockIndex = held.LockIndex;
  check(held.Session === first.ID && held.LockIndex === 1, 'key names the holder', { Session: held.Session, LockIndex: held.LockIndex });

  r.releaseFirst = await consul.kv.set({ key, value: 'released', release: first.ID });
  check(r.releaseFirst === true, 'first releases', r.releaseFirst);

  r.acquireSecondAfterRelease = await consul.kv.set({ key, value: 'second', acquire: second.ID });
  check(r.acquireSecondAfterRelease === true, 'second acquires after release', r.acquireSecondAfterRelease);

  await consul.session.destroy(first.ID);
  await consul.session.destroy(second.ID);
  r.infoAfterDestroy = (await consul.session.info(first.ID)) === undefined;
  check(r.infoAfterDestroy, 'destroyed session is gone', r.infoAfterDestroy);

  const afterDestroy = await consul.kv.get(key);
  r.sessionAfterDestroy = afterDestroy.Session === undefined ? null : afterDestroy.Session;
  check(afterDestroy.Session === undefined, 'destroying the holder released the lock', afterDestroy.Session);

  await consul.kv.del({ key: `${p}/`, recurse: true });
});
