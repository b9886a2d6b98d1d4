import { apiUrl, encodePath } from '../api';
import { useBlocking } from '../blocking';
import { EmptyState, ErrorState, KeyValues, Loading, SummaryChips, Tags } from '../components';
import { summarize } from '../health';
import { Link } from '../Link';
import { href } from '../router';
import type { HealthCheck, NodeServiceList } from '../types';
import { Checks } from './ServiceDetail';

/** One node: its address and meta, its services (/v1/catalog/node-services/:node) and every check (/v1/health/node/:node). */
export function NodeDetail({ dc, name }: { dc: string; name: string }) {
  const node = useBlocking<NodeServiceList>(apiUrl('/v1/catalog/node-services/' + encodePath(name), { dc }));
  const checks = useBlocking<HealthCheck[]>(apiUrl('/v1/health/node/' + encodePath(name), { dc }));
  const error = node.error ?? checks.error;
  const n = node.data?.Node;
  return (
    <section className="page" aria-labelledby="page-title">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href={href(dc, 'nodes')}>Nodes</Link> / <span>{name}</span>
      </nav>
      <header className="page-head">
        <h1 id="page-title">{name}</h1>
        {checks.data && <SummaryChips summary={summarize(checks.data)} />}
      </header>
      {error && <ErrorState error={error} retryIn={node.retryIn ?? checks.retryIn} />}
      {!node.data && !error && <Loading />}
      {node.data && !n && <EmptyState>Node {name} is not registered.</EmptyState>}
      {n && (
        <div className="grid">
          <article className="card">
            <h2>Node</h2>
            <dl className="facts">
              <div>
                <dt>Address</dt>
                <dd data-testid="node-address">{n.Address}</dd>
              </div>
              <div>
                <dt>ID</dt>
                <dd className="mono">{n.ID || '—'}</dd>
              </div>
              <div>
                <dt>Tagged addresses</dt>
                <dd>
                  <KeyValues values={n.TaggedAddresses} />
                </dd>
              </div>
              <div>
                <dt>Meta</dt>
                <dd>
                  <KeyValues values={n.Meta} />
                </dd>
              </div>
            </dl>
          </article>
          <article className="card">
            <h2>
              Services <span className="count">{node.data?.Services.length}</span>
            </h2>
            {node.data && node.data.Services.length === 0 && <EmptyState>No services on this node.</EmptyState>}
            <ul className="plain">
              {node.data?.Services.map((s) => (
                <li key={s.ID} data-testid="node-service">
                  <Link href={href(dc, 'services', s.Service)}>{s.Service}</Link>{' '}
                  <span className="muted">
                    {s.ID} · {(s.Address || n.Address) + (s.Port ? ':' + s.Port : '')}
                  </span>{' '}
                  <Tags tags={s.Tags} />
                </li>
              ))}
            </ul>
          </article>
          <article className="card wide">
            <h2>Checks</h2>
            {checks.data && <Checks checks={checks.data} />}
          </article>
        </div>
      )}
    </section>
  );
}
