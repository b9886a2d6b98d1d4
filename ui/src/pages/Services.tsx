import { useDeferredValue, useMemo, useState } from 'react';
import { apiUrl } from '../api';
import { useBlocking } from '../blocking';
import { EmptyState, ErrorState, Loading, SummaryChips, Tags } from '../components';
import { worst, type Summary } from '../health';
import { Link } from '../Link';
import { href, navigate } from '../router';
import { VirtualList } from '../VirtualList';

interface ServiceSummary {
  Kind?: string;
  Name: string;
  Tags: string[] | null;
  Nodes: string[] | null;
  InstanceCount: number;
  ChecksPassing: number;
  ChecksWarning: number;
  ChecksCritical: number;
}

interface Row {
  name: string;
  kind: string;
  tags: string[];
  instances: number;
  nodes: number;
  summary: Summary;
  health: string;
}

const HEALTH_FILTERS = ['all', 'passing', 'warning', 'critical'] as const;

/**
 * Services: one blocking query on /v1/internal/ui/services (Consul's UI listing: instance counts, tags and check
 * counts per service, node checks included), with the filter expression evaluated by the agent.
 */
export function Services({ dc, search }: { dc: string; search: URLSearchParams }) {
  const [text, setText] = useState(search.get('q') ?? '');
  const [filterInput, setFilterInput] = useState(search.get('filter') ?? '');
  const filter = search.get('filter') ?? '';
  const [health, setHealth] = useState<(typeof HEALTH_FILTERS)[number]>('all');
  const query = useDeferredValue(text.trim().toLowerCase());

  const services = useBlocking<ServiceSummary[]>(apiUrl('/v1/internal/ui/services', { dc, filter: filter || undefined }));

  const rows = useMemo<Row[]>(
    () =>
      (services.data ?? []).map((s) => {
        const summary = { passing: s.ChecksPassing, warning: s.ChecksWarning, critical: s.ChecksCritical };
        return {
          name: s.Name,
          kind: s.Kind ?? '',
          tags: s.Tags ?? [],
          instances: s.InstanceCount,
          nodes: s.Nodes?.length ?? 0,
          summary,
          health: worst(summary),
        };
      }),
    [services.data],
  );

  const visible = useMemo(
    () =>
      rows.filter(
        (r) =>
          (health === 'all' || r.health === health) &&
          (query === '' || r.name.toLowerCase().includes(query) || r.tags.some((t) => t.toLowerCase().includes(query))),
      ),
    [rows, query, health],
  );

  function applyFilter(e: React.FormEvent) {
    e.preventDefault();
    const params = new URLSearchParams(search);
    if (filterInput.trim()) params.set('filter', filterInput.trim());
    else params.delete('filter');
    navigate(href(dc, 'services') + (params.size ? '?' + params : ''), true);
  }

  const error = services.error;
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">
          Services <span className="count" data-testid="service-count">{services.data ? visible.length : ''}</span>
        </h1>
      </header>
      <div className="toolbar">
        <label className="field grow">
          <span className="sr-only">Search services</span>
          <input
            type="search"
            placeholder="Search by name or tag  ( / )"
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-search
            aria-label="Search services by name or tag"
          />
        </label>
        <label className="field">
          <span className="sr-only">Health</span>
          <select value={health} onChange={(e) => setHealth(e.target.value as (typeof HEALTH_FILTERS)[number])} aria-label="Filter by health">
            {HEALTH_FILTERS.map((h) => (
              <option key={h} value={h}>
                {h === 'all' ? 'Any health' : h}
              </option>
            ))}
          </select>
        </label>
        <form className="filter-form" onSubmit={applyFilter}>
          <label className="field grow">
            <span className="sr-only">Server-side filter expression</span>
            <input
              placeholder='Filter, e.g. Service.Tags contains "v2"'
              value={filterInput}
              onChange={(e) => setFilterInput(e.target.value)}
              aria-label="Server-side filter expression"
            />
          </label>
          <button type="submit">Apply</button>
        </form>
      </div>
      {error && <ErrorState error={error} retryIn={services.retryIn} />}
      {!services.data && !error && <Loading />}
      {services.data && rows.length === 0 && (
        <EmptyState>{filter ? 'No service matches this filter.' : 'No services are registered in this datacenter yet.'}</EmptyState>
      )}
      {rows.length > 0 && visible.length === 0 && <EmptyState>No service matches your search.</EmptyState>}
      {visible.length > 0 && (
        <VirtualList
          items={visible}
          rowHeight={56}
          label="Services"
          getKey={(r) => r.name}
          renderRow={(r) => (
            <div className="row service-row" data-testid="service-row" data-service={r.name} data-health={r.health}>
              <Link className="row-title" tabIndex={-1} href={href(dc, 'services', r.name)}>
                {r.name}
              </Link>
              <SummaryChips summary={r.summary} />
              <span className="muted instances" data-testid="instance-count">
                {r.instances} {r.instances === 1 ? 'instance' : 'instances'}
                {r.nodes > 0 && ` on ${r.nodes} ${r.nodes === 1 ? 'node' : 'nodes'}`}
              </span>
              {r.kind && <span className="tag">{r.kind}</span>}
              <Tags tags={r.tags} />
            </div>
          )}
        />
      )}
    </section>
  );
}
