import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AdapterEvent } from '@case-portal/core';
import { callerOf } from '../auth/authenticate.js';
import { parseCursor } from '../events/event-log.js';
import { EventStream } from '../events/event-stream.js';
import type { SqlEventHub } from '../events/sql-event-hub.js';
import { StreamSet } from '../events/stream-set.js';
import { canSee } from '../events/visibility.js';
import { HttpError } from '../http-error.js';
import type { Principal } from '../principal.js';
import type { CaseService } from '../service/case-service.js';

export interface EventRouteOptions {
  /** A comment on every open stream this often, so proxies keep quiet connections. Default 15 s. */
  heartbeatMs?: number;
  /** The pause a client should make before reconnecting (the stream's `retry:`). Default 2 s. */
  retryMs?: number;
  /** A stream whose unsent output grows past this is dropped (the client reconnects). Default 256 KiB. */
  maxBufferedBytes?: number;
}

interface Deps extends EventRouteOptions {
  hub: SqlEventHub;
  service: CaseService;
  /** Signs the attachment URLs in a value for one viewer (files/files-module.ts): streamed events skip the response hook. */
  signFor?: <T>(viewer: Principal, value: T) => T;
}

/** One poll looks at most this many events of the log (a client far behind catches up over a few polls). */
const POLL_SCAN = 1_000;
const POLL_PAGE = 200;
const CASE_ID = /^[A-Za-z0-9_-]{1,100}$/;
/** setTimeout's largest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function badCursor(field: string): HttpError {
  return new HttpError(400, 'validation', `${field} is not an event id.`, { [field]: 'An event id (digits) from an earlier answer.' });
}

/** `If-None-Match` (a list, weak or strong) against one strong tag. */
function etagMatches(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === tag || t.trim() === '*');
}

/**
 * GET /events (polling) and GET /events/stream (Server-Sent Events) over the event hub, both
 * filtered by `canSee` for the verified caller. Registers the hub's logger and its shutdown:
 * open streams end before the server stops listening, the hub closes with the app.
 */
export function eventRoutes(app: FastifyInstance, deps: Deps): void {
  const { hub, service } = deps;
  const heartbeatMs = deps.heartbeatMs ?? 15_000;
  const retryMs = deps.retryMs ?? 2_000;
  const maxBuffered = deps.maxBufferedBytes ?? 256 * 1024;
  const streams = new StreamSet(heartbeatMs);
  hub.log = app.log;
  app.addHook('preClose', async () => streams.endAll('server stopping'));
  app.addHook('onClose', async () => hub.close());

  /** `caseId` narrows to one case the caller may read; any other is the usual 404. */
  async function narrowTo(req: FastifyRequest): Promise<string | null> {
    const raw = (req.query as Record<string, unknown>).caseId;
    if (raw === undefined) return null;
    if (typeof raw !== 'string' || !CASE_ID.test(raw)) throw new HttpError(404, 'not_found', 'Not found.');
    return (await service.readable(callerOf(req), raw)).id;
  }

  app.get('/events', async (req, reply) => {
    const { principal } = callerOf(req);
    const sinceRaw = (req.query as Record<string, unknown>).since;
    if (sinceRaw !== undefined && (typeof sinceRaw !== 'string' || parseCursor(sinceRaw) === null)) throw badCursor('since');
    const since = sinceRaw ?? null;
    const caseId = await narrowTo(req);
    const events: AdapterEvent[] = [];
    let cursor: string;
    let reset = false;
    if (since === null) {
      cursor = (await hub.since(principal.tenant, null, 1)).cursor;
    } else {
      cursor = since;
      for (let scanned = 0; scanned < POLL_SCAN; ) {
        const page = await hub.since(principal.tenant, cursor, POLL_PAGE);
        cursor = page.cursor;
        if (page.reset) {
          reset = true;
          events.length = 0;
          break;
        }
        for (const e of page.events) if ((caseId === null || e.caseId === caseId) && canSee(principal, e)) events.push(e.event);
        scanned += page.events.length;
        if (page.events.length < POLL_PAGE) break;
      }
    }
    const tag = `"${cursor}"`;
    reply.header('etag', tag);
    // Nothing happened since the tag the client holds: the cheap answer polling is built on.
    if (since !== null && cursor === since && etagMatches(req.headers['if-none-match'], tag)) return reply.status(304).send();
    return reset ? { events, cursor, reset } : { events, cursor };
  });

  app.get('/events/stream', async (req, reply) => {
    const { principal } = callerOf(req);
    const header = req.headers['last-event-id'];
    const lastEventId = typeof header === 'string' && header.trim() !== '' ? header.trim() : null;
    if (lastEventId !== null && parseCursor(lastEventId) === null) throw badCursor('Last-Event-ID');
    const caseId = await narrowTo(req);

    // From here on the response is ours, not Fastify's: headers set so far (CORS) go out with it.
    reply.hijack();
    const res = reply.raw;
    const fromHooks = Object.entries(reply.getHeaders()).filter((h): h is [string, string | number | string[]] => h[1] !== undefined);
    res.writeHead(200, {
      ...Object.fromEntries(fromHooks),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      // nginx and its relatives buffer responses unless told not to.
      'x-accel-buffering': 'no',
    });
    res.socket?.setNoDelay(true);
    // The token's end is the stream's end: the client reconnects with a fresh one (and its Last-Event-ID).
    const left = (req.tokenExpiresAt ?? Date.now() + MAX_TIMER_MS) - Date.now();
    const expiry = setTimeout(() => stream.end('token expired'), Math.min(Math.max(left, 0), MAX_TIMER_MS));
    const stream: EventStream = new EventStream({
      hub,
      principal,
      caseId,
      filter: canSee,
      ...(deps.signFor ? { personalize: (event) => deps.signFor!(principal, event) } : {}),
      heartbeatMs,
      retryMs,
      sink: {
        write: (chunk) => {
          if (res.destroyed || res.writableEnded) return false;
          res.write(chunk);
          return res.writableLength <= maxBuffered;
        },
        end: (drop) => {
          if (drop) res.destroy();
          else if (!res.writableEnded) res.end();
        },
      },
      onEnd: () => {
        clearTimeout(expiry);
        streams.delete(stream);
      },
    });
    streams.add(stream);
    res.on('close', () => stream.close());
    await stream.start(lastEventId);
  });
}
