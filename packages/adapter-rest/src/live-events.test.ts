/**
 * RestAdapter's live updates over the event stream, against msw in the browser: the mock API's
 * streaming `text/event-stream` responses (test/mocks/event-stream.ts) and, where a test needs a
 * server that misbehaves in one exact way, a stream written here.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { AdapterEvent } from '@case-portal/core';
import type { SetupWorker } from 'msw/browser';
import { delay, http, HttpResponse } from 'msw';
import { startMockWorker } from '../../../test/mocks/browser.js';
import { createMockApi, type MockApi } from '../../../test/mocks/handlers.js';
import { errorHandlers } from '../../../test/mocks/failures.js';
import { RestAdapter } from './rest-adapter.js';

const BASE = '/api/live';
const STREAM = `${BASE}/events/stream`;
/** Short timings, so falling back and reconnecting fit in a test. */
const QUICK = { readyTimeoutMs: 400, retryMs: 30, maxRetryMs: 60, probeAgainMs: 60_000 };

let worker: SetupWorker;
let api: MockApi;
let openCases: string[];

before(async function () {
  this.timeout(20_000);
  worker = await startMockWorker([]);
});
after(async function () {
  // msw's worker waits for the page's pending requests before it lets go: seconds on a loaded machine.
  this.timeout(20_000);
  await worker.stop();
});

interface Seen {
  path: string;
  query: URLSearchParams;
  lastEventId: string | null;
  authorization: string | null;
  accept: string | null;
  /** X-Test-Adapter: which adapter of the page sent it (a test that tags its own). */
  adapter: string | null;
}

/** Records every request under BASE, then lets the next handler answer it. */
function recorder(): { seen: Seen[]; handler: ReturnType<typeof http.all> } {
  const seen: Seen[] = [];
  const handler = http.all(`${BASE}/*`, ({ request }) => {
    seen.push({
      path: new URL(request.url).pathname.slice(BASE.length),
      query: new URL(request.url).searchParams,
      lastEventId: request.headers.get('Last-Event-ID'),
      authorization: request.headers.get('Authorization'),
      accept: request.headers.get('Accept'),
      adapter: request.headers.get('X-Test-Adapter'),
    });
    return undefined;
  });
  return { seen, handler };
}

/** A stream written by hand: `frames` at once, then open until cancelled (or closed with `end`). */
function handStream(frames: string, o: { end?: boolean; onCancel?: () => void } = {}): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (frames) controller.enqueue(new TextEncoder().encode(frames));
      if (o.end) controller.close();
    },
    cancel() {
      o.onCancel?.();
    },
  });
  return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

const messageIds = (events: AdapterEvent[]) => events.flatMap((e) => (e.type === 'message-added' ? [e.message.id] : []));

beforeEach(async () => {
  api = createMockApi({ baseUrl: BASE, adapter: new MemoryAdapter({ storage: null, latencyMs: 0 }), heartbeatMs: 200 });
  const page = await api.adapter.listCases({ view: 'mine', categories: ['new', 'open', 'pending-agent', 'pending-customer'], limit: 2 });
  openCases = page.items.map((c) => c.id);
  expect(openCases).to.have.length(2);
});
afterEach(() => {
  api.dispose();
});

describe('RestAdapter live updates: the event stream', () => {
  it('delivers events over one stream shared by every subscriber, each its own case, with a token from getToken', async () => {
    const rec = recorder();
    worker.resetHandlers(rec.handler, ...api.handlers);
    let tokens = 0;
    const a = new RestAdapter({ baseUrl: BASE, getToken: () => `token-${++tokens}`, eventStream: QUICK, pollWhenHidden: true });
    const [first, second] = openCases as [string, string];
    const onFirst: AdapterEvent[] = [];
    const onSecond: AdapterEvent[] = [];
    const stopFirst = a.subscribe({ caseId: first }, (e) => onFirst.push(e));
    const stopSecond = a.subscribe({ caseId: second }, (e) => onSecond.push(e));
    await waitUntil(() => rec.seen.some((s) => s.path === '/events/stream'), 'the stream is opened');
    await new Promise((r) => setTimeout(r, 100));
    const m1 = await a.postMessage(first, { body: 'to the first' });
    const m2 = await a.postMessage(second, { body: 'to the second' });
    await waitUntil(() => messageIds(onFirst).includes(m1.id) && messageIds(onSecond).includes(m2.id), 'each hears its case');
    expect(onFirst.every((e) => e.caseId === first)).to.equal(true);
    expect(onSecond.every((e) => e.caseId === second)).to.equal(true);
    const streams = rec.seen.filter((s) => s.path === '/events/stream');
    expect(streams).to.have.length(1);
    expect(streams[0]!.authorization).to.match(/^Bearer token-\d+$/);
    expect(streams[0]!.accept).to.equal('text/event-stream');
    expect(streams[0]!.lastEventId).to.equal(null);
    expect(rec.seen.filter((s) => s.path === '/events'), 'no polling while the stream works').to.deep.equal([]);
    stopFirst();
    stopSecond();
  });

  it('tells subscribers that came before the first ready to reload once (an event may have passed unseen); later ones hear no reset', async () => {
    let open = 0;
    worker.resetHandlers(
      http.get(STREAM, async () => {
        open++;
        // The server is slow to answer the first connection: whatever commits meanwhile is before its "now".
        await delay(100);
        return handStream('id: 7\nevent: ready\ndata: {"cursor":"7","heartbeatMs":15000}\n\n');
      }),
    );
    const a = new RestAdapter({ baseUrl: BASE, eventStream: QUICK, pollWhenHidden: true });
    const early: AdapterEvent[] = [];
    const everything: AdapterEvent[] = [];
    const stopEarly = a.subscribe({ caseId: 'c1' }, (e) => early.push(e));
    const stopAll = a.subscribe({}, (e) => everything.push(e));
    await waitUntil(() => early.length === 1 && everything.length === 1, 'a reset for each early subscriber');
    expect(early).to.deep.equal([{ type: 'reset', caseId: 'c1' }]);
    expect(everything).to.deep.equal([{ type: 'reset' }]);
    const late: AdapterEvent[] = [];
    const stopLate = a.subscribe({ caseId: 'c2' }, (e) => late.push(e));
    await new Promise((r) => setTimeout(r, 150));
    expect(late).to.deep.equal([]);
    expect(early, 'one reset only').to.have.length(1);
    expect(open).to.equal(1);
    stopEarly();
    stopAll();
    stopLate();
  });

  it('closes the stream with its last subscriber', async () => {
    let cancelled = 0;
    worker.resetHandlers(http.get(STREAM, () => handStream('id: 1\nevent: ready\ndata: {"cursor":"1","heartbeatMs":15000}\n\n', { onCancel: () => cancelled++ })));
    const a = new RestAdapter({ baseUrl: BASE, eventStream: QUICK, pollWhenHidden: true });
    const stopFirst = a.subscribe({ caseId: 'c1' }, () => {});
    const stopSecond = a.subscribe({}, () => {});
    await new Promise((r) => setTimeout(r, 150));
    stopFirst();
    await new Promise((r) => setTimeout(r, 100));
    expect(cancelled, 'still one subscriber').to.equal(0);
    stopSecond();
    await waitUntil(() => cancelled === 1, 'the stream is cancelled');
  });

  it('reconnects when the server ends the stream, with Last-Event-ID and a fresh token, and loses or repeats nothing', async () => {
    const rec = recorder();
    const [caseId] = openCases as [string];
    const event = (id: number, mid: string) =>
      `id: ${id}\nevent: message-added\ndata: ${JSON.stringify({ type: 'message-added', caseId, message: { id: mid, caseId, kind: 'comment', body: mid, author: { id: 'a', name: 'A', role: 'agent' }, createdAt: '2025-01-01T00:00:00Z', attachments: [], public: true } })}\n\n`;
    let connections = 0;
    worker.resetHandlers(
      rec.handler,
      http.get(STREAM, ({ request }) => {
        connections++;
        if (connections === 1) {
          // As the server does when the token expires: a comment, then the end of the body.
          return handStream(`retry: 20\nid: 5\nevent: ready\ndata: {"cursor":"5","heartbeatMs":15000}\n\n${event(6, 'm6')}: token expired\n\n`, { end: true });
        }
        const after = Number(request.headers.get('Last-Event-ID'));
        const replay = [event(6, 'm6'), event(7, 'm7')].filter((_, i) => 6 + i > after).join('');
        return handStream(`id: ${after}\nevent: ready\ndata: {"cursor":"${after}","heartbeatMs":15000}\n\n${replay}`);
      }),
    );
    let tokens = 0;
    const a = new RestAdapter({ baseUrl: BASE, getToken: () => `token-${++tokens}`, eventStream: QUICK, pollWhenHidden: true });
    const got: AdapterEvent[] = [];
    const stop = a.subscribe({ caseId }, (e) => got.push(e));
    await waitUntil(() => messageIds(got).includes('m7'), 'the event after the reconnect');
    stop();
    expect(messageIds(got)).to.deep.equal(['m6', 'm7']);
    const streams = rec.seen.filter((s) => s.path === '/events/stream');
    expect(streams.map((s) => s.lastEventId)).to.deep.equal([null, '6']);
    expect(streams[0]!.authorization).to.not.equal(streams[1]!.authorization);
  });

  it('answers a reconnect after a gap the log no longer holds with reset, to every subscriber', async () => {
    const [caseId] = openCases as [string];
    // The first connection ends at once; meanwhile the log forgets, so the second meets `reset`.
    worker.resetHandlers(
      http.get(STREAM, () => handStream('retry: 20\nid: 0\nevent: ready\ndata: {"cursor":"0","heartbeatMs":15000}\n\n', { end: true }), { once: true }),
      ...api.handlers,
    );
    const writer = new RestAdapter({ baseUrl: BASE, eventStream: false });
    await writer.postMessage(caseId, { body: 'one' });
    await writer.postMessage(caseId, { body: 'two' });
    api.log.forget(1);
    const a = new RestAdapter({ baseUrl: BASE, eventStream: QUICK, pollWhenHidden: true });
    const mine: AdapterEvent[] = [];
    const all: AdapterEvent[] = [];
    const stopMine = a.subscribe({ caseId }, (e) => mine.push(e));
    const stopAll = a.subscribe({}, (e) => all.push(e));
    await waitUntil(() => mine.some((e) => e.type === 'reset') && all.some((e) => e.type === 'reset'), 'reset reaches both');
    expect(mine.find((e) => e.type === 'reset')).to.deep.equal({ type: 'reset', caseId });
    expect(all.find((e) => e.type === 'reset')).to.deep.equal({ type: 'reset' });
    // And it goes on live from there.
    const m = await writer.postMessage(caseId, { body: 'after the reset' });
    await waitUntil(() => messageIds(mine).includes(m.id), 'live again');
    stopMine();
    stopAll();
  });

  it('holds no connection while the page is hidden and catches up with Last-Event-ID when it is shown', async () => {
    const rec = recorder();
    worker.resetHandlers(rec.handler, ...api.handlers);
    const [caseId] = openCases as [string];
    let state: DocumentVisibilityState = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    const a = new RestAdapter({ baseUrl: BASE, eventStream: QUICK });
    const got: AdapterEvent[] = [];
    const stop = a.subscribe({ caseId }, (e) => got.push(e));
    try {
      await waitUntil(() => rec.seen.length === 1, 'the stream opens');
      await new Promise((r) => setTimeout(r, 100));
      state = 'hidden';
      document.dispatchEvent(new Event('visibilitychange'));
      const writer = new RestAdapter({ baseUrl: BASE, eventStream: false });
      const m = await writer.postMessage(caseId, { body: 'while hidden' });
      await new Promise((r) => setTimeout(r, 200));
      expect(messageIds(got), 'nothing while hidden').to.deep.equal([]);
      expect(rec.seen.filter((s) => s.path === '/events/stream')).to.have.length(1);
      state = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => messageIds(got).includes(m.id), 'caught up when shown');
      const streams = rec.seen.filter((s) => s.path === '/events/stream');
      expect(streams).to.have.length(2);
      expect(streams[1]!.lastEventId).to.match(/^\d+$/);
    } finally {
      stop();
      delete (document as { visibilityState?: DocumentVisibilityState }).visibilityState;
    }
  });
});

describe('RestAdapter live updates: falling back to polling', () => {
  it('polls when the server has no stream route (404), and does not ask for it again', async () => {
    const rec = recorder();
    worker.resetHandlers(rec.handler, http.get(STREAM, () => HttpResponse.json({ error: { code: 'not_found', message: 'Not found.' } }, { status: 404 })), ...api.handlers);
    const [caseId] = openCases as [string];
    // Its requests say whose they are: an adapter of an earlier test may still be closing its stream.
    const a = new RestAdapter({ baseUrl: BASE, eventStream: QUICK, pollIntervalMs: 50, pollWhenHidden: true, headers: { 'X-Test-Adapter': 'no-stream-route' } });
    const got: AdapterEvent[] = [];
    let stop = a.subscribe({ caseId }, (e) => got.push(e));
    await waitUntil(() => rec.seen.some((s) => s.path === '/events'), 'polling starts');
    await new Promise((r) => setTimeout(r, 100));
    const m = await a.postMessage(caseId, { body: 'polled' });
    await waitUntil(() => messageIds(got).includes(m.id), 'the event arrives by polling');
    const polls = rec.seen.filter((s) => s.path === '/events');
    expect(polls.length).to.be.greaterThan(1);
    // Every subscriber follows one case: the polls narrow to it.
    expect(polls.every((p) => p.query.get('caseId') === caseId)).to.equal(true);
    stop();
    stop = a.subscribe({}, () => {});
    await new Promise((r) => setTimeout(r, 150));
    stop();
    expect(rec.seen.filter((s) => s.path === '/events/stream' && s.adapter === 'no-stream-route'), 'asked once for the adapter\'s life').to.have.length(1);
  });

  it('polls when a 200 is not an event stream (an HTML fallback page)', async () => {
    const rec = recorder();
    worker.resetHandlers(rec.handler, http.get(STREAM, () => new HttpResponse('<!doctype html><title>App</title>', { headers: { 'Content-Type': 'text/html' } })), ...api.handlers);
    const a = new RestAdapter({ baseUrl: BASE, eventStream: QUICK, pollIntervalMs: 50, pollWhenHidden: true });
    const stop = a.subscribe({}, () => {});
    await waitUntil(() => rec.seen.some((s) => s.path === '/events'), 'polling starts');
    stop();
  });

  it('polls behind a proxy that buffers the stream (no ready in time)', async () => {
    const rec = recorder();
    const [caseId] = openCases as [string];
    // Headers arrive, the body never does: what a buffering proxy looks like from the page.
    worker.resetHandlers(rec.handler, http.get(STREAM, () => handStream('')), ...api.handlers);
    const a = new RestAdapter({ baseUrl: BASE, eventStream: QUICK, pollIntervalMs: 50, pollWhenHidden: true });
    const got: AdapterEvent[] = [];
    const stop = a.subscribe({ caseId }, (e) => got.push(e));
    await waitUntil(() => rec.seen.some((s) => s.path === '/events'), 'polling after the ready timeout', { timeout: 3000 });
    await new Promise((r) => setTimeout(r, 100));
    const m = await a.postMessage(caseId, { body: 'through the proxy' });
    await waitUntil(() => messageIds(got).includes(m.id), 'delivered by polling');
    stop();
    expect(rec.seen.filter((s) => s.path === '/events/stream')).to.have.length(1);
  });

  it('polls when even the headers do not come in time', async () => {
    const rec = recorder();
    worker.resetHandlers(
      rec.handler,
      http.get(STREAM, async () => {
        await delay(1_500);
        return handStream('id: 0\nevent: ready\ndata: {"cursor":"0","heartbeatMs":15000}\n\n', { end: true });
      }),
      ...api.handlers,
    );
    const a = new RestAdapter({ baseUrl: BASE, eventStream: QUICK, pollIntervalMs: 50, pollWhenHidden: true });
    const stop = a.subscribe({}, () => {});
    await waitUntil(() => rec.seen.some((s) => s.path === '/events'), 'polling after the ready timeout', { timeout: 1_200 });
    stop();
  });

  it('backs off after failed connections, then polls; the polled reset reaches subscribers too', async () => {
    const rec = recorder();
    const [caseId] = openCases as [string];
    worker.resetHandlers(rec.handler, errorHandlers.network({ baseUrl: BASE, path: '/events/stream' }), ...api.handlers);
    const a = new RestAdapter({ baseUrl: BASE, eventStream: { ...QUICK, failuresBeforePolling: 3 }, pollIntervalMs: 50, pollWhenHidden: true });
    const got: AdapterEvent[] = [];
    const stop = a.subscribe({ caseId }, (e) => got.push(e));
    await waitUntil(() => rec.seen.some((s) => s.path === '/events'), 'polling after three failures', { timeout: 3000 });
    expect(rec.seen.filter((s) => s.path === '/events/stream')).to.have.length(3);
    // The server lost what came after the poller's cursor: the next poll answers reset.
    worker.use(http.get(`${BASE}/events`, () => HttpResponse.json({ events: [], cursor: '999', reset: true }), { once: true }));
    await waitUntil(() => got.some((e) => e.type === 'reset'), 'reset by polling');
    expect(got.find((e) => e.type === 'reset')).to.deep.equal({ type: 'reset', caseId });
    stop();
  });
});
