import type { FastifyReply } from 'fastify';
import type { JsonPage } from '../backend/types.js';

/**
 * A page of cases answered from the JSON text the store keeps, without parsing and serializing each
 * case again (parsing ten stored cases and serializing the page was ~0.2 ms of a customer's list
 * request, README "Bench"). The text is the one `JSON.stringify` makes of the page object: items,
 * total, nextCursor, statusCounts, in that order.
 *
 * A string payload skips Fastify's preSerialization hooks, so what the files module's hook does for
 * objects happens here: `sign` gives each case's text with its attachment URLs signed for this
 * viewer (only a text that holds one is parsed: files/signed-urls.ts `signedJson`), and an answer
 * that carries signed URLs must not be kept by any cache. The contract check (test mode) reads
 * JSON text in its onSend hook.
 */
export function sendJsonPage(reply: FastifyReply, page: JsonPage, sign?: (json: string) => string): FastifyReply {
  let items = '';
  let signed = false;
  for (let i = 0; i < page.items.length; i++) {
    const stored = page.items[i]!;
    const json = sign ? sign(stored) : stored;
    if (json !== stored) signed = true;
    items += i ? `,${json}` : json;
  }
  const counts = page.statusCounts === undefined ? '' : `,"statusCounts":${JSON.stringify(page.statusCounts)}`;
  if (signed) reply.header('cache-control', 'private, no-store');
  return reply.type('application/json; charset=utf-8').send(`{"items":[${items}],"total":${page.total},"nextCursor":${JSON.stringify(page.nextCursor)}${counts}}`);
}
