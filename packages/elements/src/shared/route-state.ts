/**
 * The portal's page in the URL: `?case.open=<caseId>` shows a case, `?case.new=1` the create form,
 * neither the list. Same rules as url-state.ts: only these two parameters are ever rewritten (the
 * list's query parameters, the host's own, the path and the hash stay untouched), history.state is
 * kept, and a popstate that did not change the route calls nobody.
 *
 * The prefix may be the list's (both default to `case.`): `open` and `new` are no query parameter
 * names. Opening a case keeps the list's parameters in the URL, so "back" returns to the same view.
 */
import { navigate, ownParams, searchWith } from './url-params.js';
import { DEFAULT_URL_PREFIX, readRoute, ROUTE_NEW as NEW, ROUTE_OPEN as OPEN, type HistoryMode, type PortalRoute } from './url-route.js';

/**
 * Puts the route in the URL: `push` when the user navigates (open a case, start a new one, back to
 * the list), `replace` to correct the URL without a history entry (e.g. an id that turned out not
 * to exist). Writes only when the route's parameters change. Returns whether it wrote.
 */
export function writeRoute(route: PortalRoute, mode: HistoryMode = 'push', prefix = DEFAULT_URL_PREFIX): boolean {
  const key = routeKey(route);
  for (const sub of subscriptions) if (sub.prefix === prefix) sub.last = key;
  const isOurs = (name: string) => name === prefix + OPEN || name === prefix + NEW;
  const params = new URLSearchParams();
  if (route.view === 'detail') params.set(prefix + OPEN, route.caseId);
  else if (route.view === 'create') params.set(prefix + NEW, '1');
  // Compared as parameters, not routes: also cleans a leftover such as `case.new=yes` or a
  // `case.new=1` next to `case.open`.
  const current = ownParams(location.search, isOurs).toString();
  if (current === params.toString()) return false;
  navigate(searchWith(location.search, isOurs, params), mode);
  return true;
}

interface Subscription {
  prefix: string;
  last: string;
}

/** Live subscriptions, so writeRoute can tell each what the URL now says (pushState fires no event). */
const subscriptions = new Set<Subscription>();

/**
 * Calls `onChange` on popstate when the route under `prefix` differs from the last one read,
 * written (through writeRoute) or restored. Returns the unsubscribe function (call it on disconnect).
 */
export function subscribeRoute(prefix: string, onChange: (route: PortalRoute) => void): () => void {
  const sub: Subscription = { prefix, last: routeKey(readRoute(prefix)) };
  const onPopState = () => {
    const route = readRoute(prefix);
    const key = routeKey(route);
    if (key === sub.last) return;
    sub.last = key;
    onChange(route);
  };
  subscriptions.add(sub);
  window.addEventListener('popstate', onPopState);
  return () => {
    subscriptions.delete(sub);
    window.removeEventListener('popstate', onPopState);
  };
}

function routeKey(route: PortalRoute): string {
  return route.view === 'detail' ? `case:${route.caseId}` : route.view;
}
