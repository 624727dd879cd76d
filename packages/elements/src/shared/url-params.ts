/**
 * Rewriting only our own query parameters in the page URL, shared by the list's query in the URL
 * (url-state.ts) and the portal's route (route-state.ts): the host page's other parameters keep
 * their exact text and order, the path, the hash and history.state stay as they are.
 */
import type { HistoryMode } from './url-route.js';

/** The raw `name=value` pieces of a search string, verbatim. */
function segments(search: string): string[] {
  const s = search.startsWith('?') ? search.slice(1) : search;
  return s.split('&').filter((seg) => seg !== '');
}

/** A segment's decoded name, or null when it can't be decoded (then it is never ours). */
function segmentName(segment: string): string | null {
  const raw = segment.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** The parameters of `search` that `isOurs` claims, in order. */
export function ownParams(search: string, isOurs: (name: string) => boolean): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(search)) if (isOurs(name)) out.append(name, value);
  return out;
}

/** Order-insensitive across names (values of one name keep their order): equal params, equal string. */
export function paramsSignature(params: URLSearchParams): string {
  const copy = new URLSearchParams(params);
  copy.sort();
  return copy.toString();
}

/**
 * `search` with every parameter `isOurs` claims removed and `ours` appended. The others keep their
 * exact text and order (no re-encoding: `?flag` stays `?flag`, `%20` stays `%20`).
 */
export function searchWith(search: string, isOurs: (name: string) => boolean, ours: URLSearchParams): string {
  const kept = segments(search).filter((seg) => {
    const name = segmentName(seg);
    return name === null || !isOurs(name);
  });
  const added = ours.toString();
  const all = added ? [...kept, added] : kept;
  return all.length ? `?${all.join('&')}` : '';
}

/**
 * Moves to the current path + `search` + the current hash, keeping history.state. The URL is
 * absolute, so a `<base href>` on the host page can't redirect it. Never throws: a page that forbids
 * history changes (sandboxed frame, Chromium's navigation throttling) just keeps its URL.
 */
export function navigate(search: string, mode: HistoryMode): void {
  const base = location.href.split('#')[0]!.split('?')[0]!;
  const url = base + search + location.hash;
  try {
    if (mode === 'push') history.pushState(history.state, '', url);
    else history.replaceState(history.state, '', url);
  } catch {
    // URL state is a convenience: never break the element for it.
  }
}
