import { useEffect, useState } from 'react';
import { ApiError, onTokenChange, request, setConnection } from './api';

// Consul's blocking queries: each answer's X-Consul-Index is sent back as ?index=, so the agent holds the request
// until something the query read changes (or `wait` passes). Nothing polls faster than that long-poll: an endpoint
// that does not block (no X-Consul-Index, e.g. /v1/catalog/datacenters) is read once; a request that comes back at
// once with an unchanged index waits MIN_GAP before the next one; errors back off up to MAX_BACKOFF.

const WAIT = '5m';
const MIN_GAP_MS = 1000;
const MAX_BACKOFF_MS = 15000;

export interface Blocking<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Milliseconds until the next retry after an error. */
  retryIn: number | undefined;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Runs the blocking query `url` (null: nothing) for as long as the component shows it. */
export function useBlocking<T>(url: string | null, options: { allowNotFound?: boolean } = {}): Blocking<T> {
  const allowNotFound = options.allowNotFound ?? false;
  const [state, setState] = useState<Blocking<T>>({ data: undefined, error: undefined, loading: url !== null, retryIn: undefined });
  const [tokenEpoch, setTokenEpoch] = useState(0);

  useEffect(() => onTokenChange(() => setTokenEpoch((n) => n + 1)), []);

  useEffect(() => {
    if (url === null) {
      setState({ data: undefined, error: undefined, loading: false, retryIn: undefined });
      return;
    }
    setState((s) => ({ ...s, loading: true, error: undefined }));
    const controller = new AbortController();
    const signal = controller.signal;
    (async () => {
      let index = 0;
      let backoff = 500;
      while (!signal.aborted) {
        const started = Date.now();
        try {
          const sep = url.includes('?') ? '&' : '?';
          const target = index > 0 ? `${url}${sep}index=${index}&wait=${WAIT}` : url;
          const res = await request<T>(target, { signal, allowNotFound });
          if (signal.aborted) return;
          setConnection('live');
          backoff = 500;
          const changed = res.index !== index || index === 0;
          // An index that goes backwards (a restore, a new cluster) starts over, as Consul's clients do.
          index = res.index < index ? 0 : res.index;
          if (changed) setState({ data: res.body, error: undefined, loading: false, retryIn: undefined });
          if (res.index === 0) return;
          if (!changed && Date.now() - started < MIN_GAP_MS) {
            await sleep(MIN_GAP_MS, signal);
          }
        } catch (e) {
          if (signal.aborted) return;
          const error = e instanceof ApiError ? e : new ApiError(0, String(e));
          if (error.unreachable) setConnection('reconnecting');
          else setConnection('live');
          // A 4xx (bad filter, permission denied) will not change by asking again: wait for a new URL or token.
          const final = error.status >= 400 && error.status < 500 && error.status !== 429;
          setState((s) => ({ ...s, error, loading: false, retryIn: final ? undefined : backoff }));
          if (final) return;
          await sleep(backoff, signal);
          backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
          index = 0;
        }
      }
    })();
    return () => controller.abort();
  }, [url, tokenEpoch, allowNotFound]);

  return state;
}
