import type { HealthCheck, Status } from './types';

export interface Summary {
  passing: number;
  warning: number;
  critical: number;
}

export function emptySummary(): Summary {
  return { passing: 0, warning: 0, critical: 0 };
}

export function add(summary: Summary, status: Status): void {
  if (status === 'passing') summary.passing++;
  else if (status === 'warning') summary.warning++;
  else summary.critical++;
}

/** The worst status of a set of checks, as Consul's aggregated status: critical > warning > passing. */
export function worst(summary: Summary): Status | 'none' {
  if (summary.critical > 0) return 'critical';
  if (summary.warning > 0) return 'warning';
  if (summary.passing > 0) return 'passing';
  return 'none';
}

export function summarize(checks: readonly HealthCheck[]): Summary {
  const s = emptySummary();
  for (const c of checks) add(s, c.Status);
  return s;
}

/** Per service name and per node, from /v1/health/state/any. */
export function indexChecks(checks: readonly HealthCheck[]): {
  byService: Map<string, Summary>;
  instancesByService: Map<string, Set<string>>;
  byNode: Map<string, Summary>;
} {
  const byService = new Map<string, Summary>();
  const instancesByService = new Map<string, Set<string>>();
  const byNode = new Map<string, Summary>();
  for (const c of checks) {
    let n = byNode.get(c.Node);
    if (!n) byNode.set(c.Node, (n = emptySummary()));
    add(n, c.Status);
    if (c.ServiceName) {
      let s = byService.get(c.ServiceName);
      if (!s) byService.set(c.ServiceName, (s = emptySummary()));
      add(s, c.Status);
      let i = instancesByService.get(c.ServiceName);
      if (!i) instancesByService.set(c.ServiceName, (i = new Set()));
      i.add(c.Node + '\u0000' + c.ServiceID);
    }
  }
  return { byService, instancesByService, byNode };
}
