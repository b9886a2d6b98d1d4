import { useDeferredValue, useMemo, useState } from 'react';
import { apiUrl } from '../api';
import { useBlocking } from '../blocking';
import { EmptyState, ErrorState, Loading, SummaryChips } from '../components';
import { emptySummary, indexChecks, worst } from '../health';
import { Link } from '../Link';
import { href } from '../router';
import type { CatalogNode, HealthCheck } from '../types';
import { VirtualList } from '../VirtualList';

/** Nodes: /v1/catalog/nodes with each node's checks from /v1/health/state/any. */
export function Nodes({ dc }: { dc: string }) {
  const [text, setText] = useState('');
  const query = useDeferredValue(text.trim().toLowerCase());
  const nodes = useBlocking<CatalogNode[]>(apiUrl('/v1/catalog/nodes', { dc }));
  const checks = useBlocking<HealthCheck[]>(apiUrl('/v1/health/state/any', { dc }));
  const byNode = useMemo(() => indexChecks(checks.data ?? []).byNode, [checks.data]);
  const visible = useMemo(
    () => (nodes.data ?? []).filter((n) => query === '' || n.Node.toLowerCase().includes(query) || n.Address.includes(query)),
    [nodes.data, query],
  );
  const error = nodes.error ?? checks.error;
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-head">
        <h1 id="page-title">
          Nodes <span className="count">{nodes.data ? visible.length : ''}</span>
        </h1>
      </header>
      <div className="toolbar">
        <label className="field grow">
          <span className="sr-only">Search nodes</span>
          <input type="search" data-search placeholder="Search by name or address  ( / )" value={text} onChange={(e) => setText(e.target.value)} aria-label="Search nodes" />
        </label>
      </div>
      {error && <ErrorState error={error} retryIn={nodes.retryIn ?? checks.retryIn} />}
      {!nodes.data && !error && <Loading />}
      {nodes.data && nodes.data.length === 0 && <EmptyState>No nodes are registered.</EmptyState>}
      {nodes.data && nodes.data.length > 0 && visible.length === 0 && <EmptyState>No node matches your search.</EmptyState>}
      {visible.length > 0 && (
        <VirtualList
          items={visible}
          rowHeight={56}
          label="Nodes"
          getKey={(n) => n.Node}
          renderRow={(n) => {
            const s = byNode.get(n.Node) ?? emptySummary();
            return (
              <div className="row" data-testid="node-row" data-node={n.Node} data-health={worst(s)}>
                <Link className="row-title" tabIndex={-1} href={href(dc, 'nodes', n.Node)}>
                  {n.Node}
                </Link>
                <SummaryChips summary={s} />
                <span className="muted">{n.Address}</span>
              </div>
            );
          }}
        />
      )}
    </section>
  );
}
