/**
 * The gate of attachment links (safeUrl's rules plus the in-browser backend's blob: and data: URLs).
 * A module of its own: only the views that show files use it, not a first screen.
 */
import { safeUrl } from './safe-url.js';

/**
 * Media types a browser may render as active content (markup, script, stylesheets that run,
 * multipart streams), matched anywhere in the type so every `+xml` and `x-…script` spelling counts.
 */
const ACTIVE_TYPE = /html|xml|svg|script|xsl|multipart/;

/** Token characters of a media type and its parameters (RFC 9110): no spaces, quotes, %, backslashes or controls. */
const MEDIA_META = /^[A-Za-z0-9!#$&^_.+\-/;=]*$/;
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/;

/**
 * For attachment links only (always rendered with a `download` attribute): safeUrl's schemes plus
 * `blob:` and `data:` URLs, which an in-browser backend (the memory adapter) uses for files the
 * customer picked. A data: URL is kept only when its media type is written plainly (token
 * characters, nothing a browser would strip or decode: `data: text/html` with a space, a tab or
 * `%20` is refused) and is not an active type (HTML, XML, SVG, script, XSL, multipart).
 */
export function safeDownloadUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (/^blob:/i.test(trimmed)) return trimmed;
  if (/^data:/i.test(trimmed)) {
    const comma = trimmed.indexOf(',');
    if (comma < 0) return null;
    const meta = trimmed.slice('data:'.length, comma);
    if (!MEDIA_META.test(meta)) return null;
    const type = meta.split(';')[0]!.toLowerCase();
    if (type === '') return trimmed; // text/plain
    return MEDIA_TYPE.test(type) && !ACTIVE_TYPE.test(type) ? trimmed : null;
  }
  return safeUrl(value);
}
