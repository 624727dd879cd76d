import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { HttpError } from '../http-error.js';

/** The 413 of an upload: the upload route answers it at once and discards the rest (see `discardRest`). */
export function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, 'too_large', `The file is larger than ${maxBytes} bytes.`, { file: 'Too large.' });
}

/** How long the rest of a refused upload is read and thrown away before the connection is cut. */
export const LINGER_MS = 5000;

/**
 * After an upload is refused mid-body, the client may still be sending. Closing the connection at
 * once makes many clients (Node's fetch, browsers) fail with a network error before they read the
 * 413 or 415, so the rest is read and discarded, like a web server's lingering close, for at most
 * LINGER_MS; a client still sending after that is cut off, so nobody makes the server read
 * gigabytes. A client that stops in time keeps its connection.
 */
export function discardRest(req: IncomingMessage): void {
  if (req.complete) return;
  req.unpipe();
  req.resume();
  const cut = setTimeout(() => req.socket.destroy(), LINGER_MS);
  cut.unref();
  req.once('end', () => clearTimeout(cut));
  req.once('close', () => clearTimeout(cut));
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
