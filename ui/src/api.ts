// Talking to the agent: the ACL token (browser-only), errors a page can show, and the connection state shared by
// every blocking query.

const TOKEN_KEY = 'trellis:token';

export function getToken(): string {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function setToken(token: string): void {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
  tokenListeners.forEach((l) => l());
}

const tokenListeners = new Set<() => void>();
export function onTokenChange(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => tokenListeners.delete(listener);
}

/** An HTTP answer that was not 2xx, or no answer at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }

  get unreachable(): boolean {
    return this.status === 0;
  }

  get forbidden(): boolean {
    return this.status === 403;
  }
}

export type Connection = 'connecting' | 'live' | 'reconnecting';
let connection: Connection = 'connecting';
const connectionListeners = new Set<() => void>();
export function getConnection(): Connection {
  return connection;
}
export function setConnection(next: Connection): void {
  if (next !== connection) {
    connection = next;
    connectionListeners.forEach((l) => l());
  }
}
export function onConnectionChange(listener: () => void): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

export interface ApiResponse<T> {
  body: T;
  index: number;
  status: number;
}

/** Builds /v1 URLs: the path parts are escaped, parameters with undefined values left out. */
export function apiUrl(path: string, params: Record<string, string | number | boolean | undefined> = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === false) continue;
    query.set(k, v === true ? '' : String(v));
  }
  const q = query.toString().replace(/=(&|$)/g, '$1');
  return path + (q ? '?' + q : '');
}

export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** One request with the token; throws ApiError with the agent's own error text. */
export async function request<T>(
  url: string,
  init: RequestInit & { parse?: 'json' | 'text'; allowNotFound?: boolean } = {},
): Promise<ApiResponse<T>> {
  const headers = new Headers(init.headers);
  const token = getToken();
  if (token) headers.set('X-Consul-Token', token);
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'The agent is unreachable: ' + (e as Error).message);
  }
  const index = Number(response.headers.get('X-Consul-Index') ?? '0') || 0;
  if (response.status === 404 && init.allowNotFound) {
    // Consul answers a read of a missing key or an empty prefix with 404 and still an index to block on.
    await response.body?.cancel();
    return { body: null as T, index, status: 404 };
  }
  if (!response.ok) {
    const text = (await response.text().catch(() => '')).trim();
    const message =
      response.status === 403
        ? 'Permission denied' + (text ? ': ' + text : '') + '. Set an ACL token with the right policy under Token.'
        : text || `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  const body = (init.parse === 'text' ? await response.text() : await response.json()) as T;
  return { body, index, status: response.status };
}

/** Decodes a KV value (base64 of arbitrary bytes) as UTF-8 text; null when the bytes are not UTF-8 (binary). */
export function decodeValue(value: string | null): string | null {
  if (!value) return '';
  const bytes = Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The size in bytes of a base64 KV value. */
export function valueSize(value: string | null): number {
  return value ? atob(value).length : 0;
}
