/**
 * The server side of GET /events/stream for the mock API: a streaming `text/event-stream` body
 * (msw hands a ReadableStream to the page through its worker) with the frames openapi.yaml
 * documents: `ready` first, the events after Last-Event-ID replayed from the log (or `reset` when
 * the log no longer has them), then live events, and a heartbeat comment. The client going away
 * cancels the body, which stops it.
 */
import type { AdapterEvent } from '@case-portal/core';
import { HttpResponse } from 'msw';
import type { EventLog } from './event-log.js';

export interface MockStreamOptions {
  /** The client's Last-Event-ID, or null: start from now. */
  since: number | null;
  caseId: string | null;
  heartbeatMs: number;
  signal?: AbortSignal;
}

const frame = (seq: number, e: AdapterEvent) => `id: ${seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;

export function eventStreamResponse(log: EventLog, o: MockStreamOptions): Response {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const ours = (e: AdapterEvent) => !o.caseId || e.caseId === o.caseId;
      let cursor = o.since ?? Number(log.cursor);
      send(`retry: 500\nid: ${cursor}\nevent: ready\ndata: ${JSON.stringify({ cursor: String(cursor), heartbeatMs: o.heartbeatMs })}\n\n`);
      if (o.since !== null) {
        if (log.lost(o.since)) {
          cursor = Number(log.cursor);
          send(`id: ${cursor}\nevent: reset\ndata: {"type":"reset"}\n\n`);
        } else {
          for (const entry of log.entriesAfter(o.since)) {
            cursor = entry.seq;
            if (ours(entry.event)) send(frame(entry.seq, entry.event));
          }
        }
      }
      const unlisten = log.listen((entry) => {
        if (entry.seq <= cursor) return;
        cursor = entry.seq;
        if (ours(entry.event)) send(frame(entry.seq, entry.event));
      });
      const heartbeat = setInterval(() => send(': keep-alive\n\n'), o.heartbeatMs);
      cleanup = () => {
        open = false;
        unlisten();
        clearInterval(heartbeat);
      };
      o.signal?.addEventListener('abort', () => {
        cleanup();
        try {
          controller.close();
        } catch {
          // Already closed or cancelled.
        }
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new HttpResponse(body, { status: 200, headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform' } });
}
