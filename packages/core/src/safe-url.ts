/**
 * The one gate every URL passes before it reaches href/src. Lit escapes text but does not
 * sanitize URLs: `href=${"javascript:…"}` would run when clicked.
 * Allows http, https, mailto and relative URLs; everything else becomes null.
 */
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

export function safeUrl(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // Browsers ignore leading/trailing C0 controls and spaces, and strip tabs/newlines inside.
  // eslint-disable-next-line no-control-regex
  const cleaned = value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  if (cleaned === '') return null;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  if (!scheme) {
    // Relative: path, query, fragment. Protocol-relative "//host" is a different origin but http(s): allow.
    return cleaned;
  }
  return ALLOWED_SCHEMES.has(scheme[1]!.toLowerCase() + ':') ? cleaned : null;
}

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
