import { decodeCursor } from '@case-portal/core';

/**
 * Whether a `cursor` parameter is a page cursor as core's `encodeCursor` makes them: base64 of the
 * offset, padding included ("bzoyNQ==" is offset 25). The routes used to allow only
 * [A-Za-z0-9_-], which refused the server's own nextCursor for most offsets (page two of a
 * 25-row list was a 400). Anything that does not decode is refused here, as a 400, rather than
 * failing deeper down.
 */
export function isCursor(value: string): boolean {
  if (!/^[A-Za-z0-9+/=_-]{1,40}$/.test(value)) return false;
  try {
    decodeCursor(value);
    return true;
  } catch {
    return false;
  }
}
