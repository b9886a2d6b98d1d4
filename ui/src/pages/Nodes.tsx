import { useDeferredValue, useMemo, useState } from 'react';
import { apiUrl } from '../api';
import { useBlocking } from '../blocking';
import { EmptyState, ErrorState, Loading, SummaryChips } from '../components';
import { summarize, worst } from '../health';
import { Link } from '../Link';
import { href } from '../router';
import type { NodeInfo } from '../types';
import { VirtualList } from '../VirtualList';

/** Nodes: /v1/internal/ui/nodes (every node with its services and checks) in one blocking query. */
export function Nodes({ dc }: { dc: string }) {
  const [text, setText] = useState('');
  const query = useDeferredValue(text.trim().toLowerCase());
  const nodes = useBlocking<NodeInfo[]>(apiUrl('/v1/internal/ui/nodes', { dc }));
  const rows = useMemo(() => (nodes.data ?? []).map((n) => ({ node: n, summary: summarize(n.Checks ?? []) })), [nodes.data]);
  const visible = useMemo(
    () => rows.filter(({ node: n }) => query === '' || n.Node.toLowerCase().includes(query) || n.Address.includes(query)),
    [rows, query],
  );
  const error = nodes.error;
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
      {error && <ErrorState error={error} retryIn={nodes.retryIn} />}
      {!nodes.data && !error && <Loading />}
      {nodes.data && nodes.data.length === 0 && <EmptyState>No nodes are registered.</EmptyState>}
      {nodes.data && nodes.data.length > 0 && visible.length === 0 && <EmptyState>No node matches your search.</EmptyState>}
      {visible.length > 0 && (
        <VirtualList
          items={visible}
          rowHeight={56}
          label="Nodes"
          getKey={(r) => r.node.Node}
          renderRow={({ node: n, summary: s }) => {
            const services = (n.Services ?? []).length;
            return (
              <div className="row" data-testid="node-row" data-node={n.Node} data-health={worst(s)}>
                <Link className="row-title" tabIndex={-1} href={href(dc, 'nodes', n.Node)}>
                  {n.Node}
                </Link>
                <SummaryChips summary={s} />
                <span className="muted" data-testid="node-services">
                  {services} {services === 1 ? 'service' : 'services'}
                </span>
                <span className="muted">{n.Address}</span>
              </div>
            );
          }}
        />
      )}
    </section>
  );
}
