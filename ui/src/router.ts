import { useEffect, useState } from 'react';

// A small history router: every page lives under the base the agent serves the UI at (index.html's
// <meta name="trellis-base">, "/ui/" unless ui_config.content_path says otherwise), as /<base>/<dc>/<section>/...

export const BASE: string =
  document.querySelector('meta[name="trellis-base"]')?.getAttribute('content')?.replace(/\/?$/, '/') ?? '/ui/';

export interface Route {
  dc: string | undefined;
  section: string | undefined;
  rest: string[];
  /** The raw path after the section, undecoded except per segment (KV keys keep their slashes). */
  tail: string;
  search: URLSearchParams;
}

function parse(): Route {
  let path = location.pathname;
  if (path.startsWith(BASE)) path = path.slice(BASE.length);
  else if (path + '/' === BASE) path = '';
  const parts = path.split('/');
  const [dc, section, ...rest] = parts;
  return {
    dc: dc ? decodeURIComponent(dc) : undefined,
    section: section || undefined,
    rest: rest.filter((p, i) => p !== '' || i < rest.length - 1).map(decodeURIComponent),
    tail: rest.map(decodeURIComponent).join('/'),
    search: new URLSearchParams(location.search),
  };
}

const listeners = new Set<() => void>();

export function navigate(to: string, replace = false): void {
  const url = to.startsWith('/') ? to : BASE + to;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  listeners.forEach((l) => l());
  window.scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const update = () => setRoute(parse());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** href for a page of the current UI: href('dc1', 'services', 'web') → /ui/dc1/services/web */
export function href(dc: string, section: string, ...rest: string[]): string {
  return BASE + [dc, section].map(encodeURIComponent).join('/') + (rest.length ? '/' + rest.map(encodeURIComponent).join('/') : '');
}

/** Same-origin links are handled without a reload; modified clicks (new tab) are left to the browser. */
export function onLinkClick(e: React.MouseEvent<HTMLAnchorElement>): void {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = e.currentTarget;
  if (a.target || a.origin !== location.origin) return;
  e.preventDefault();
  navigate(a.pathname + a.search);
}
