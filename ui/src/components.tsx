import type { ReactNode } from 'react';
import type { ApiError } from './api';
import type { Status } from './types';
import { worst, type Summary } from './health';

const LABEL: Record<string, string> = {
  passing: 'Passing',
  warning: 'Warning',
  critical: 'Critical',
  maintenance: 'Maintenance',
  none: 'No checks',
};

export function StatusBadge({ status, testId }: { status: Status | 'none'; testId?: string }) {
  return (
    <span className={`badge status-${status}`} data-status={status} data-testid={testId}>
      <span aria-hidden="true" className="dot" />
      {LABEL[status] ?? status}
    </span>
  );
}

export function SummaryChips({ summary }: { summary: Summary }) {
  const overall = worst(summary);
  return (
    <span className="chips" data-health={overall} aria-label={`${LABEL[overall]}: ${summary.passing} passing, ${summary.warning} warning, ${summary.critical} critical checks`}>
      <span className="chip status-passing" title="passing checks">✓ {summary.passing}</span>
      {summary.warning > 0 && <span className="chip status-warning" title="warning checks">! {summary.warning}</span>}
      {summary.critical > 0 && <span className="chip status-critical" title="critical checks">✕ {summary.critical}</span>}
    </span>
  );
}

export function Tags({ tags }: { tags: readonly string[] | null | undefined }) {
  if (!tags || tags.length === 0) return null;
  return (
    <span className="tags">
      {tags.map((t) => (
        <span className="tag" key={t}>
          {t}
        </span>
      ))}
    </span>
  );
}

/** The error states every page shares: agent unreachable, permission denied, anything else. */
export function ErrorState({ error, retryIn }: { error: ApiError; retryIn?: number }) {
  const title = error.unreachable ? 'Agent unreachable' : error.forbidden ? 'Permission denied' : `Error ${error.status}`;
  return (
    <div className="state error" role="alert" data-testid="error-state" data-status={error.status}>
      <strong>{title}</strong>
      <p>{error.message}</p>
      {error.unreachable && retryIn !== undefined && <p className="muted">Retrying in {Math.ceil(retryIn / 1000)} s…</p>}
      {error.forbidden && (
        <p>
          <a href="#token" onClick={(e) => { e.preventDefault(); document.getElementById('token-button')?.click(); }}>
            Set an ACL token
          </a>
        </p>
      )}
    </div>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return (
    <div className="state empty" data-testid="empty-state">
      {children}
    </div>
  );
}

export function Loading() {
  return (
    <div className="state loading" aria-busy="true">
      Loading…
    </div>
  );
}

export function KeyValues({ values }: { values: Record<string, string> | null | undefined }) {
  const entries = Object.entries(values ?? {});
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <dl className="kv-pairs">
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}
