/**
 * The event stream format (HTML standard, "Server-sent events", the parsing and interpretation
 * rules), for a body read with fetch: EventSource cannot send an Authorization header.
 *
 * Text goes in as it arrives (chunks may end anywhere, even between CR and LF); lines end at CRLF,
 * LF or CR; a line starting with ":" is a comment; `data:` lines join with "\n"; `id:` sets the last
 * event id (which persists across events, and moves even for a block without data); `retry:` takes
 * digits only; a blank line dispatches; an event cut off by the end of the stream is dropped.
 */
export interface StreamEvent {
  /** The `event:` field, "message" when absent. */
  type: string;
  data: string;
  /** The last event id in force when it was dispatched. */
  lastEventId: string;
}

export class EventStreamParser {
  /** The id to send as Last-Event-ID on a reconnect. */
  lastEventId = '';
  /** The reconnection time the stream asked for (`retry:`), if any. */
  retryMs: number | null = null;
  private buffer = '';
  private started = false;
  /** The previous chunk ended with CR: an LF opening this one belongs to that line end. */
  private afterCr = false;
  private data: string[] = [];
  private type = '';
  private idBuffer = '';

  constructor(private readonly onEvent: (event: StreamEvent) => void) {}

  /** Decoded text, in order. */
  push(text: string): void {
    if (!this.started && text.length) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.afterCr && text.startsWith('\n')) text = text.slice(1);
    this.afterCr = false;
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const line = this.buffer.slice(start, i);
      if (c === 13) {
        if (i + 1 === this.buffer.length) this.afterCr = true;
        else if (this.buffer.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
      this.line(line);
    }
    this.buffer = this.buffer.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.charCodeAt(0) === 58 /* : */) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    switch (field) {
      case 'event':
        this.type = value;
        break;
      case 'data':
        this.data.push(value);
        break;
      case 'id':
        if (!value.includes('\u0000')) this.idBuffer = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
      // Unknown fields are ignored.
    }
  }

  private dispatch(): void {
    this.lastEventId = this.idBuffer;
    const data = this.data;
    const type = this.type;
    this.data = [];
    this.type = '';
    if (!data.length) return;
    this.onEvent({ type: type || 'message', data: data.join('\n'), lastEventId: this.lastEventId });
  }
}
