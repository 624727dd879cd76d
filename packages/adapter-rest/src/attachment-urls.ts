/** Where attachments sit in the contract's answers: a case's or message's list, a page, a file list, an event. */
const HOLDERS = ['attachments', 'items', 'message', 'events'];

/**
 * The contract's attachment `url`s are relative to the API root (`attachments/<id>/content?…`), and an
 * `<a href>` resolves against the page it sits on, which is rarely the API. So `value` comes back with
 * the `url` of every attachment in it (the answer itself for an upload, and the members of
 * `attachments`, `items`, `message`, `events`) resolved against `baseUrl`, itself resolved against the
 * page: absolute URLs that work from any page and for an API on another origin. A URL with a scheme
 * (`https:`, `data:`, `blob:`, `javascript:`) stays exactly as sent, so `safeUrl` still judges what
 * the server said; outside a browser (no page to resolve against) URLs stay as they are.
 * Copies what it touches; anything else passes through.
 */
export function withApiUrls<T>(value: T, baseUrl: string): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withApiUrls(v, baseUrl)) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  const url = out.url;
  if (typeof url === 'string' && !/^[a-z][a-z\d+.-]*:/i.test(url.trim())) {
    try {
      out.url = new URL(url, new URL(`${baseUrl}/`, globalThis.document?.baseURI)).href;
    } catch {
      // No page (Node), or a base that is no URL: leave it.
    }
  }
  for (const key of HOLDERS) if (out[key] && typeof out[key] === 'object') out[key] = withApiUrls(out[key], baseUrl);
  return out as T;
}
