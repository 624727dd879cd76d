/**
 * `Content-Disposition: attachment` for a display name, per RFC 6266: a quoted ASCII `filename` for
 * old clients and `filename*=UTF-8''…` (RFC 8187) with the exact name for everyone else. "attachment"
 * always: a download is never rendered in the browser, whatever its type.
 */
export function contentDisposition(name: string): string {
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/** The name with accents dropped and anything else outside printable ASCII (and `"`, `\`, `%`) as "_". */
export function asciiFallback(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return /[A-Za-z0-9]/.test(ascii) ? ascii : 'file';
}

/** UTF-8 percent-encoding with RFC 8187's attr-char set: encodeURIComponent leaves ' ( ) * unencoded. */
export function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
