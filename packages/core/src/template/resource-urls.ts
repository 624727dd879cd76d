/**
 * Resource URLs filled from data (issue 13): an `<img src="{{…}}">` in an editor's template makes
 * every viewer's browser fetch whatever URL a customer's or agent's text holds, the moment the row
 * renders: a tracking pixel, a request to an intranet address, a CSP violation. So a
 * resource-loading attribute filled from a placeholder takes only this page's origin or an origin
 * the editor listed. Links (href) are navigation, not requests: they keep any safeUrl() value.
 */
import { safeUrl } from '../safe-url.js';

/** Attributes whose URL the browser fetches by itself (no click needed). `style` never survives the sanitizer. */
export const RESOURCE_ATTRIBUTES = new Set([
  'src',
  'srcset',
  'imagesrcset',
  'poster',
  'data',
  'background',
  'lowsrc',
  'dynsrc',
  'icon',
  'manifest',
  'codebase',
]);

/** Origins as `new URL(o).origin` gives them; anything that is not an http(s) origin is left out. */
export function normalizeOrigins(origins: readonly string[] | undefined): ReadonlySet<string> {
  const out = new Set<string>();
  for (const o of origins ?? []) {
    try {
      const url = new URL(o.trim());
      if (url.protocol === 'http:' || url.protocol === 'https:') out.add(url.origin);
    } catch {
      /* not a URL: nothing to allow */
    }
  }
  return out;
}

/** The URL when it is this page's origin or a listed one (http or https), else null. */
export function safeResourceUrl(value: string, origins: ReadonlySet<string>): string | null {
  const url = safeUrl(value);
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, document.baseURI);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  return parsed.origin === location.origin || origins.has(parsed.origin) ? url : null;
}

/** A srcset whose every candidate's URL passes safeResourceUrl(), else null (the whole attribute goes). */
export function safeResourceSrcset(value: string, origins: ReadonlySet<string>): string | null {
  const candidates = value.split(',').map((c) => c.trim());
  if (candidates.every((c) => c === '')) return null;
  const ok = candidates.every((c) => c === '' || safeResourceUrl(c.split(/\s+/)[0]!, origins) !== null);
  return ok ? value.trim() : null;
}
