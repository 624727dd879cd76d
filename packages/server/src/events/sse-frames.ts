import type { StoredEvent } from './types.js';

/**
 * The text of the event stream (HTML's text/event-stream format). Every event frame has an `id:`
 * (the event's id, which is also a polling cursor), an `event:` name equal to its `type`, and the
 * AdapterEvent as one line of JSON (JSON.stringify escapes line breaks, so `data:` never spans lines).
 */

/** A frame is the same text for every stream that may see the event: build it once per event. */
const frames = new WeakMap<StoredEvent, string>();

export function eventFrame(e: StoredEvent): string {
  let frame = frames.get(e);
  if (frame === undefined) {
    frame = frameOf(e.id, e.event);
    frames.set(e, frame);
  }
  return frame;
}

/** A frame for one viewer's copy of an event (its attachment URLs signed for them): not shared. */
export function frameOf(id: string, event: StoredEvent['event']): string {
  return `id: ${id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

/**
 * The first frame: proof that events get through (a client that does not see it soon is behind a
 * buffering proxy and polls instead), the cursor the stream starts from, and the pause the client
 * should make before it reconnects.
 */
export function readyFrame(cursor: number, heartbeatMs: number, retryMs: number): string {
  return `retry: ${retryMs}\nid: ${cursor}\nevent: ready\ndata: ${JSON.stringify({ cursor: String(cursor), heartbeatMs })}\n\n`;
}

/** Events after the client's Last-Event-ID are no longer kept: reload, and continue from `cursor`. */
export function resetFrame(cursor: number): string {
  return `id: ${cursor}\nevent: reset\ndata: {"type":"reset"}\n\n`;
}

/**
 * A comment keeps proxies from closing a quiet connection. When the stream's position moved past
 * events this viewer may not see, an `id:` without data moves the client's Last-Event-ID along
 * (the format sets the id and dispatches nothing), so a reconnect does not rescan them and a
 * cursor never ages out of the log just because this viewer's cases were quiet.
 */
export function heartbeatFrame(advanceTo: number | null): string {
  return advanceTo === null ? ': keep-alive\n\n' : `: keep-alive\nid: ${advanceTo}\n\n`;
}

export function commentFrame(text: string): string {
  return `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;
}
