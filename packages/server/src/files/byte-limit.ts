import type { Readable } from 'node:stream';
import { HttpError } from '../http-error.js';

/**
 * The 413 of an upload. `Connection: close` because the rest of the body is not read: the client
 * learns at once, and the server does not take in the gigabytes a client that skipped its own
 * check may still be sending.
 */
export function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'too_large', `The file is larger than ${maxBytes} bytes.`, { file: 'Too large.' }, { connection: 'close' });
}

/**
 * The bytes of `source` as Buffers, failing with a 413 as soon as more than `maxBytes` have arrived
 * (before that piece is passed on). Leaving the loop destroys the source, so reading stops there.
 */
export async function* withinLimit(source: Readable, maxBytes: number): AsyncGenerator<Buffer> {
  let size = 0;
  for await (const piece of source) {
    const bytes = Buffer.isBuffer(piece) ? piece : Buffer.from(piece as Uint8Array);
    size += bytes.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    yield bytes;
  }
}
