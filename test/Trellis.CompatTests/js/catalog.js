'use strict';
// Catalog and health through the npm 'consul' client: register, read back through every view, filter, deregister.
const { check, prefix, run } = require('./common');

run(async (consul, r) => {
  const tag = prefix().replace(/[^a-z0-9]/gi, '').slice(-12);
  const node = `compat-node-${tag}`;
  const service = `compat-web-${tag}`;

  await consul.catalog.register({
    node,
    address: '10.7.0.1',
    nodemeta: { rack: 'r7' },
    service: { service, port: 8080, tags: ['blue'] },
    checks: [
      { name: 'alive', status: 'passing' },
      { checkid: 'web-http', name: 'web http', status: 'critical', serviceid: service },
    ],
  });

  const dcs = await consul.catalog.datacenters();
  r.datacenters = dcs;
  check(Array.isArray(dcs) && dcs.length === 1, 'one datacenter', dcs);

  const nodes = await consul.catalog.node.list();
  r.nodeListed = nodes.some((n) => n.Node === node && n.Address === '10.7.0.1' && n.Meta.rack === 'r7');
  check(r.nodeListed, 'catalog nodes lists the node', nodes.map((n) => n.Node));

  const services = await consul.catalog.service.list();
  r.serviceTags = services[service];
  check(Array.isArray(services[service]) && services[service][0] === 'blue', 'catalog services has the tags', services);

  const instances = await consul.catalog.service.nodes(service);
  r.instance = instances.map((i) => ({ Node: i.Node, ServiceID: i.ServiceID, ServicePort: i.ServicePort }));
  check(instances.length === 1 && instances[0].ServiceID === service && instances[0].ServicePort === 8080, 'service nodes', r.instance);

  const nodeServices = await consul.catalog.node.services(node);
  r.nodeServicesPort = nodeServices.Services[service].Port;
  check(r.nodeServicesPort === 8080, 'node services map by ID', nodeServices);

  const nodeChecks = await consul.health.node(node);
  r.nodeChecks = nodeChecks.map((c) => c.CheckID);
  check(r.nodeChecks.join(',') === 'alive,web-http', 'health node checks', r.nodeChecks);

  const entries = await consul.health.service(service);
  r.entryChecks = entries.map((e) => e.Checks.map((c) => c.Status));
  check(entries.length === 1 && entries[0].Checks.length === 2, 'health service entry with node and service checks', r.entryChecks);

  const passing = await consul.health.service({ service, passing: true });
  r.passingCount = passing.length;
  check(passing.length === 0, 'critical instance filtered by passing', passing.length);

  const critical = await consul.health.state('critical');
  r.criticalHasOurs = critical.some((c) => c.Node === node && c.CheckID === 'web-http');
  check(r.criticalHasOurs, 'state critical has the check', critical.map((c) => c.CheckID));

  await consul.catalog.deregister({ node, serviceid: service });
  const afterService = await consul.health.node(node);
  r.afterServiceDeregister = afterService.map((c) => c.CheckID);
  check(r.afterServiceDeregister.join(',') === 'alive', 'service deregister removes its check', r.afterServiceDeregister);

  await consul.catalog.deregister(node);
  const afterNode = await consul.catalog.service.nodes(service);
  r.afterNodeDeregister = afterNode.length;
  check(afterNode.length === 0, 'node deregister removes everything', afterNode);
});
