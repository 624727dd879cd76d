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
