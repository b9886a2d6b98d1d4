import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { apiUrl, getConnection, getToken, onConnectionChange, onTokenChange, request } from './api';
import { useBlocking } from './blocking';
import { Link } from './Link';
import { href, navigate, useRoute } from './router';
import { Kv } from './pages/Kv';
import { NodeDetail } from './pages/NodeDetail';
import { Nodes } from './pages/Nodes';
import { ServiceDetail } from './pages/ServiceDetail';
import { Services } from './pages/Services';
import { Token } from './pages/Token';

type Theme = 'light' | 'dark';
const THEME_KEY = 'trellis:theme';

function initialTheme(): Theme {
  const saved = localStorage.getItem(THEME_KEY);
  if (saved === 'light' || saved === 'dark') return saved;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function ConnectionState() {
  const state = useSyncExternalStore(onConnectionChange, getConnection);
  const label = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' }[state];
  return (
    <span className={'conn conn-' + state} role="status" aria-live="polite" data-testid="connection" data-state={state}>
      <span className="dot" aria-hidden="true" />
      {label}
    </span>
  );
}

function DatacenterSwitcher({ dc }: { dc: string }) {
  const dcs = useBlocking<string[]>(apiUrl('/v1/catalog/datacenters'));
  const list = dcs.data && dcs.data.length > 0 ? dcs.data : [dc];
  return (
    <label className="dc">
      <span className="sr-only">Datacenter</span>
      <select
        value={dc}
        aria-label="Datacenter"
        data-testid="dc-switcher"
        onChange={(e) => {
          const route = location.pathname.split('/');
          const section = route[3] || 'services';
          navigate(href(e.target.value, section));
        }}
      >
        {(list.includes(dc) ? list : [dc, ...list]).map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Picks the agent's own datacenter for /ui/ (from /v1/agent/self, else the first of /v1/catalog/datacenters). */
function ChooseDatacenter() {
  const [error, setError] = useState<string>();
  useEffect(() => {
    (async () => {
      try {
        const self = await request<{ Config: { Datacenter: string } }>('/v1/agent/self');
        navigate(href(self.body.Config.Datacenter, 'services') + location.search, true);
      } catch {
        try {
          const dcs = await request<string[]>('/v1/catalog/datacenters');
          navigate(href(dcs.body[0] ?? 'dc1', 'services'), true);
        } catch (e) {
          setError((e as Error).message);
        }
      }
    })();
  }, []);
  return error ? (
    <div className="state error" role="alert" data-testid="error-state">
      <strong>Agent unreachable</strong>
      <p>{error}</p>
    </div>
  ) : (
    <div className="state loading">Connecting to the agent…</div>
  );
}

export function App() {
  const route = useRoute();
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const hasToken = useSyncExternalStore(onTokenChange, () => getToken() !== '');

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    // "/" jumps to the page's search box, as in most list UIs.
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.key === '/' && !/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
        const search = document.querySelector<HTMLInputElement>('[data-search]');
        if (search) {
          e.preventDefault();
          search.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // On a new page, move focus to the content so keyboard and screen-reader users start there (not on every query change).
  const path = location.pathname;
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById('main')?.focus({ preventScroll: true });
  }, [path]);

  const dc = route.dc;
  let page;
  if (!dc) page = <ChooseDatacenter />;
  else if (route.section === 'services' && route.rest[0]) page = <ServiceDetail key={route.rest[0]} dc={dc} name={route.rest[0]} />;
  else if (route.section === 'nodes' && route.rest[0]) page = <NodeDetail key={route.rest[0]} dc={dc} name={route.rest[0]} />;
  else if (route.section === 'nodes') page = <Nodes dc={dc} />;
  else if (route.section === 'kv') page = <Kv key={route.tail} dc={dc} tail={route.tail} />;
  else if (route.section === 'token') page = <Token />;
  else page = <Services key={route.search.get('filter') ?? ''} dc={dc} search={route.search} />;

  const nav = [
    ['services', 'Services'],
    ['nodes', 'Nodes'],
    ['kv', 'Key / Value'],
  ] as const;
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link className="brand" href={href(dc ?? 'dc1', 'services')}>
          <span aria-hidden="true">❖</span> Trellis
        </Link>
        {dc && (
          <nav aria-label="Main" className="mainnav">
            {nav.map(([section, label]) => (
              <Link key={section} href={href(dc, section)} aria-current={route.section === section || (!route.section && section === 'services') ? 'page' : undefined}>
                {label}
              </Link>
            ))}
          </nav>
        )}
        <div className="topbar-end">
          {dc && <DatacenterSwitcher dc={dc} />}
          <ConnectionState />
          {dc && (
            <Link id="token-button" className="button small" href={href(dc, 'token')} aria-current={route.section === 'token' ? 'page' : undefined}>
              {hasToken ? 'Token ✓' : 'Token'}
            </Link>
          )}
          <button
            type="button"
            className="small"
            onClick={() => {
              const next = theme === 'dark' ? 'light' : 'dark';
              localStorage.setItem(THEME_KEY, next);
              setTheme(next);
            }}
            aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}
            data-testid="theme-toggle"
          >
            {theme === 'dark' ? '☀' : '☾'}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {page}
      </main>
    </>
  );
}
