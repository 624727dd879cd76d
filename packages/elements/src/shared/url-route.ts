/**
 * What every element with `url-state` reads synchronously on its first render: the prefix of our
 * parameters and the portal's route (`?case.open=<id>`, `?case.new=1`). Writing the URL and following
 * back/forward is url-sync.ts, loaded only by elements with `url-state` (see url-sync-loader.ts).
 */

/** Put before every parameter name the elements write, unless `url-prefix` says otherwise. */
export const DEFAULT_URL_PREFIX = 'case.';

export type HistoryMode = 'push' | 'replace';

/** What `<case-portal>` shows (`portal.go(route)`), and what its URL parameters say. */
export type PortalRoute = { view: 'list' } | { view: 'create' } | { view: 'detail'; caseId: string };

export const ROUTE_OPEN = 'open';
export const ROUTE_NEW = 'new';

/** The route in `search` (default: location.search). A case id wins over `new`; an empty id is no case. */
export function readRoute(prefix = DEFAULT_URL_PREFIX, search: string = location.search): PortalRoute {
  const p = new URLSearchParams(search);
  const caseId = p.get(prefix + ROUTE_OPEN)?.trim();
  if (caseId) return { view: 'detail', caseId };
  if (p.get(prefix + ROUTE_NEW) === '1') return { view: 'create' };
  return { view: 'list' };
}
