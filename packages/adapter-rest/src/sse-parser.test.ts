/**
 * The event stream parser against the HTML standard's rules, fed in awkward chunks: the way a
 * network delivers a body.
 */
import { expect } from '@open-wc/testing';
import { EventStreamParser, type StreamEvent } from './sse-parser.js';

function parse(chunks: string[]): { events: StreamEvent[]; parser: EventStreamParser } {
  const events: StreamEvent[] = [];
  const parser = new EventStreamParser((e) => events.push(e));
  for (const c of chunks) parser.push(c);
  return { events, parser };
}

/** Every way to cut `text` in two. */
function everySplit(text: string): string[][] {
  return Array.from({ length: text.length + 1 }, (_, i) => [text.slice(0, i), text.slice(i)]);
}

describe('EventStreamParser', () => {
  it('reads events with id, event name and data, and defaults the name to "message"', () => {
    const { events, parser } = parse(['id: 7\nevent: case-changed\ndata: {"a":1}\n\ndata: plain\n\n']);
    expect(events).to.deep.equal([
      { type: 'case-changed', data: '{"a":1}', lastEventId: '7' },
      { type: 'message', data: 'plain', lastEventId: '7' },
    ]);
    expect(parser.lastEventId).to.equal('7');
  });

  it('joins multi-line data with newlines and keeps a data line that is empty', () => {
    const { events } = parse(['data: first\ndata:second\ndata\ndata:  indented\n\n']);
    expect(events[0]!.data).to.equal('first\nsecond\n\n indented');
  });

  it('treats CRLF, LF and CR alike, also when a chunk ends between CR and LF', () => {
    const text = 'id: 1\r\ndata: a\r\n\r\nid: 2\rdata: b\r\rid: 3\ndata: c\n\n';
    const expected = [
      { type: 'message', data: 'a', lastEventId: '1' },
      { type: 'message', data: 'b', lastEventId: '2' },
      { type: 'message', data: 'c', lastEventId: '3' },
    ];
    for (const chunks of everySplit(text)) expect(parse(chunks).events, JSON.stringify(chunks)).to.deep.equal(expected);
    expect(parse([...text]).events, 'one character at a time').to.deep.equal(expected);
  });

  it('ignores comments (the heartbeat), unknown fields and an id holding NUL', () => {
    const { events, parser } = parse([': keep-alive\n\nfoo: bar\nid: 4\ndata: x\n\nid: 5\u00006\ndata: y\n\n']);
    expect(events.map((e) => [e.data, e.lastEventId])).to.deep.equal([
      ['x', '4'],
      ['y', '4'],
    ]);
    expect(parser.lastEventId).to.equal('4');
  });

  it('moves the last event id on a block without data, dispatching nothing', () => {
    const { events, parser } = parse(['id: 9\n\n: keep-alive\nid: 12\n\n']);
    expect(events).to.deep.equal([]);
    expect(parser.lastEventId).to.equal('12');
  });

  it('takes retry only as digits, drops a leading BOM, and drops an event cut off by the end', () => {
    const { events, parser } = parse(['\ufeffretry: 2500\nretry: 3s\ndata: kept\n\ndata: cut off']);
    expect(parser.retryMs).to.equal(2500);
    expect(events.map((e) => e.data)).to.deep.equal(['kept']);
  });

  it('resets the event name after each dispatch but keeps the last id', () => {
    const { events } = parse(['event: reset\nid: 3\ndata: {}\n\ndata: next\n\n']);
    expect(events.map((e) => [e.type, e.lastEventId])).to.deep.equal([
      ['reset', '3'],
      ['message', '3'],
    ]);
  });
});
