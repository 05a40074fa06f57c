/** Paths inside the app, relative to its base (`/console/`). */
export const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');

export type Route =
  | { name: 'inbox' }
  | { name: 'escalations' }
  | { name: 'deliveries' }
  | { name: 'report'; code: string }
  | { name: 'statistics' }
  | { name: 'settings' }
  | { name: 'password' };

export function parseRoute(pathname: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const report = /^\/reports\/([^/]+)\/?$/.exec(rest);
  if (report) {
    try {
      return { name: 'report', code: decodeURIComponent(report[1]!) };
    } catch {
      return { name: 'inbox' };
    }
  }
  if (/^\/statistics\/?$/.test(rest)) return { name: 'statistics' };
  if (/^\/settings\/?$/.test(rest)) return { name: 'settings' };
  if (/^\/escalations\/?$/.test(rest)) return { name: 'escalations' };
  if (/^\/deliveries\/?$/.test(rest)) return { name: 'deliveries' };
  if (/^\/password\/?$/.test(rest)) return { name: 'password' };
  return { name: 'inbox' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'report':
      return `${BASE}/reports/${encodeURIComponent(route.code)}`;
    case 'statistics':
      return `${BASE}/statistics`;
    case 'settings':
      return `${BASE}/settings`;
    case 'escalations':
      return `${BASE}/escalations`;
    case 'deliveries':
      return `${BASE}/deliveries`;
    case 'password':
      return `${BASE}/password`;
    default:
      return `${BASE}/`;
  }
}

/** Moves to a route without reloading; the app shell listens for `popstate`. */
export function navigate(route: Route): void {
  const href = hrefFor(route);
  if (location.pathname !== href) history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
