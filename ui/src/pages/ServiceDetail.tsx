import { useMemo, useState } from 'react';
import { apiUrl, encodePath } from '../api';
import { useBlocking } from '../blocking';
import { EmptyState, ErrorState, KeyValues, Loading, StatusBadge, SummaryChips, Tags } from '../components';
import { summarize, worst } from '../health';
import { Link } from '../Link';
import { href } from '../router';
import type { HealthCheck, ServiceEntry } from '../types';
import { VirtualList } from '../VirtualList';

export function Checks({ checks }: { checks: readonly HealthCheck[] }) {
  if (checks.length === 0) return <EmptyState>No health checks.</EmptyState>;
  return (
    <ul className="checks">
      {checks.map((c) => (
        <li key={c.Node + '/' + c.CheckID} className="check" data-testid="check" data-check={c.CheckID} data-status={c.Status}>
          <div className="check-head">
            <StatusBadge status={c.Status} />
            <strong>{c.Name || c.CheckID}</strong>
            <span className="muted">
              {c.CheckID}
              {c.Type ? ` · ${c.Type}` : ''}
              {c.ServiceID ? '' : ' · node check'}
            </span>
          </div>
          {c.Notes && <p className="muted">{c.Notes}</p>}
          <pre className="output" data-testid="check-output">{c.Output || '(no output)'}</pre>
        </li>
      ))}
    </ul>
  );
}

/** One service: every instance (/v1/health/service/:name) with node, address, tags, meta and checks. */
export function ServiceDetail({ dc, name }: { dc: string; name: string }) {
  const result = useBlocking<ServiceEntry[]>(apiUrl('/v1/health/service/' + encodePath(name), { dc }));
  const [selected, setSelected] = useState<string | undefined>();
  const entries = useMemo(
    () => [...(result.data ?? [])].sort((a, b) => a.Node.Node.localeCompare(b.Node.Node) || a.Service.ID.localeCompare(b.Service.ID)),
    [result.data],
  );
  const keyOf = (e: ServiceEntry) => e.Node.Node + '\u0000' + e.Service.ID;
  const current = entries.find((e) => keyOf(e) === selected) ?? entries[0];
  const all = useMemo(() => summarize(entries.flatMap((e) => e.Checks)), [entries]);

  return (
    <section className="page" aria-labelledby="page-title">
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href={href(dc, 'services')}>Services</Link> / <span>{name}</span>
      </nav>
      <header className="page-head">
        <h1 id="page-title">{name}</h1>
        {result.data && <SummaryChips summary={all} />}
      </header>
      {result.error && <ErrorState error={result.error} retryIn={result.retryIn} />}
      {!result.data && !result.error && <Loading />}
      {result.data && entries.length === 0 && <EmptyState>No instances of {name} are registered.</EmptyState>}
      {entries.length > 0 && (
        <div className="split">
          <div className="split-list">
            <h2 className="sub">
              Instances <span className="count">{entries.length}</span>
            </h2>
            <VirtualList
              items={entries}
              rowHeight={64}
              label="Instances"
              className="short"
              getKey={keyOf}
              onActivate={(e) => setSelected(keyOf(e))}
              renderRow={(e) => {
                const s = summarize(e.Checks);
                const isCurrent = current && keyOf(current) === keyOf(e);
                return (
                  <button
                    type="button"
                    className={'row instance-row' + (isCurrent ? ' selected' : '')}
                    aria-pressed={isCurrent}
                    tabIndex={-1}
                    data-testid="instance-row"
                    data-instance={e.Service.ID}
                    data-health={worst(s)}
                    onClick={() => setSelected(keyOf(e))}
                  >
                    <span className="row-title">{e.Service.ID}</span>
                    <StatusBadge status={worst(s)} />
                    <span className="muted">
                      {e.Node.Node} · {(e.Service.Address || e.Node.Address) + (e.Service.Port ? ':' + e.Service.Port : '')}
                    </span>
                  </button>
                );
              }}
            />
          </div>
          {current && (
            <article className="split-detail card" data-testid="instance-detail" data-instance={current.Service.ID} aria-live="polite">
              <h2>{current.Service.ID}</h2>
              <dl className="facts">
                <div>
                  <dt>Node</dt>
                  <dd>
                    <Link href={href(dc, 'nodes', current.Node.Node)}>{current.Node.Node}</Link>
                  </dd>
                </div>
                <div>
                  <dt>Address</dt>
                  <dd data-testid="instance-address">{current.Service.Address || current.Node.Address}</dd>
                </div>
                <div>
                  <dt>Port</dt>
                  <dd data-testid="instance-port">{current.Service.Port}</dd>
                </div>
                <div>
                  <dt>Tags</dt>
                  <dd>{current.Service.Tags?.length ? <Tags tags={current.Service.Tags} /> : <span className="muted">none</span>}</dd>
                </div>
                <div>
                  <dt>Meta</dt>
                  <dd>
                    <KeyValues values={current.Service.Meta} />
                  </dd>
                </div>
              </dl>
              <h3>Checks</h3>
              <Checks checks={current.Checks} />
            </article>
          )}
        </div>
      )}
    </section>
  );
}
