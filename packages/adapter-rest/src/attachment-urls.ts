/** Turns a URL the server sent into one that works from any page (see `apiUrlResolver`). */
export type UrlResolver = (url: string) => string;

/** A URL with a scheme (`https:`, `data:`, `blob:`, `javascript:`) is absolute: it is left as it came. */
const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;
/** Stands in for the page outside a browser (Node), and is taken off again. */
const NO_PAGE = 'http://no-page.invalid';

/**
 * The contract's attachment `url`s are relative to the API root (`attachments/<id>/content?…`).
 * An `<a href>` resolves against the page it sits on, which is rarely the API: so every URL the
 * adapter hands out is resolved against its `baseUrl` (itself resolved against the page's base URL),
 * giving an absolute URL. URLs with a scheme stay exactly as they came, so `safeUrl` and
 * `safeDownloadUrl` still judge what the server sent (a `javascript:` URL stays one and is dropped).
 */
export function apiUrlResolver(baseUrl: string): UrlResolver {
  return (url) => {
    if (HAS_SCHEME.test(url.trim())) return url;
    const page = (globalThis as { document?: { baseURI?: string } }).document?.baseURI ?? NO_PAGE;
    try {
      const resolved = new URL(url, new URL(`${baseUrl}/`, page));
      return resolved.origin === NO_PAGE ? resolved.href.slice(NO_PAGE.length) : resolved.href;
    } catch {
      return url;
    }
  };
}

/** Where attachments sit in the contract's answers: a case's or message's list, a page, a file list, an event. */
const HOLDERS = ['attachments', 'items', 'message', 'events'];

/**
 * `value` with the `url` of every attachment in it resolved: the answer itself (an upload), the
 * members of `attachments`, `items` (cases, messages, a case's files), `message` and `events`.
 * Copies what it touches; anything else passes through.
 */
export function withApiUrls<T>(value: T, resolve: UrlResolver): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withApiUrls(v, resolve)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (typeof out.url === 'string') out.url = resolve(out.url);
  for (const key of HOLDERS) if (out[key] && typeof out[key] === 'object') out[key] = withApiUrls(out[key], resolve);
  return out as T;
}
