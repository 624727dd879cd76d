/**
 * RestAdapter against a server that misbehaves (issue 12): answers that never come, a 429 with a
 * wait, ids from a crafted link, values Intl cannot take, a 409 while the first attempt still runs.
 * A recording fetch says exactly what went out (and when nothing did).
 */
import { expect } from '@open-wc/testing';
import { isAbortError, isAdapterError, type AdapterError, type BackendProblem, type CaseRecord } from '@case-portal/core';
import { RestAdapter, type RestAdapterOptions } from './rest-adapter.js';
import { json, recordingFetch, type Responder } from './test-fetch.js';

const CASE: CaseRecord = {
  id: 'c_1',
  number: '00000001',
  subject: 'Printer',
  description: 'Jams.',
  status: { id: 'open', label: 'Open', category: 'open' },
  origin: 'web',
  requester: { id: 'p1', name: 'Pat' },
  createdAt: '2025-03-01T09:00:00Z',
  updatedAt: '2025-03-02T09:00:00Z',
  reopenCount: 0,
  fields: {},
  attachments: [],
  version: 3,
};
const VIEWER = { id: 'p1', name: 'Pat', permissions: ['read'] };
const never = () => new Promise<Response>(() => {});

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    if (isAdapterError(e)) return e;
    throw new Error(`expected an AdapterError, got ${String(e)}`);
  }
  throw new Error('expected a rejection');
}

function adapter(respond: Responder, options: Partial<RestAdapterOptions> = {}) {
  const rec = recordingFetch(respond);
  return { rec, a: new RestAdapter({ baseUrl: '/api', fetch: rec.fetch, readTimeoutMs: 150, writeTimeoutMs: 400, ...options }) };
}

/** Silences the adapter's console report while `run` goes, and returns what it said. */
async function quietly<T>(run: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    return { result: await run(), warnings };
  } finally {
    console.warn = warn;
  }
}

describe('RestAdapter: deadlines', () => {
  it('fails a read that gets no answer as "timeout" at the read deadline, and aborts its request', async () => {
    let sent: AbortSignal | undefined;
    const a = new RestAdapter({
      baseUrl: '/api',
      readTimeoutMs: 150,
      writeTimeoutMs: 2000,
      fetch: (_url, init) => {
        sent = init?.signal ?? undefined;
        return never();
      },
    });
    const started = performance.now();
    const e = await failure(a.listCases({}));
    const took = performance.now() - started;
    expect(e.code).to.equal('timeout');
    expect(took, 'the read deadline, not the write one').to.be.within(140, 1000);
    expect(sent?.aborted, 'the request itself is cancelled').to.equal(true);
  });

  it('gives a write the longer write deadline and sends the caller’s key on every attempt', async () => {
    const { rec, a } = adapter(never);
    const started = performance.now();
    const first = await failure(a.postMessage('c_1', { body: 'Hello' }, { idempotencyKey: 'k-write' }));
    expect(first.code).to.equal('timeout');
    expect(performance.now() - started).to.be.at.least(390);
    await failure(a.postMessage('c_1', { body: 'Hello' }, { idempotencyKey: 'k-write' }));
    expect(rec.calls.map((c) => c.headers.get('Idempotency-Key'))).to.deep.equal(['k-write', 'k-write']);
  });

  it('counts the answer’s body: headers that come without the rest still time out', async () => {
    const { a } = adapter(() => new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"id":')) }), { status: 200 }));
    expect((await failure(a.getCase('c_1'))).code).to.equal('timeout');
  });

  it('ends a call whose token callback never returns', async () => {
    const { rec, a } = adapter(() => json(CASE), { getToken: () => new Promise<string>(() => {}) });
    expect((await failure(a.getCase('c_1'))).code).to.equal('timeout');
    expect(rec.calls).to.have.length(0);
  });

  it('keeps the caller’s abort an AbortError, and 0 turns a deadline off', async () => {
    const { a } = adapter(never);
    const c = new AbortController();
    const p = a.getCase('c_1', { signal: c.signal });
    setTimeout(() => c.abort(), 20);
    expect(isAbortError(await p.catch((e: unknown) => e))).to.equal(true);

    const slow = adapter(() => new Promise<Response>((resolve) => setTimeout(() => resolve(json(CASE)), 250)), { readTimeoutMs: 0 });
    expect((await slow.a.getCase('c_1')).id).to.equal('c_1');
  });

  it('reads a gateway’s 504 as "timeout"', async () => {
    const { a } = adapter(() => new Response('<h1>Gateway Timeout</h1>', { status: 504 }));
    expect((await failure(a.listCases({}))).code).to.equal('timeout');
  });

  it('reads a 409 to a retry of an unanswered write as "still in flight" (timeout), a 409 otherwise as a conflict', async () => {
    let answer: () => Promise<Response> = never;
    const { rec, a } = adapter(() => answer());
    expect((await failure(a.postMessage('c_1', { body: 'Hi' }, { idempotencyKey: 'k-busy' }))).code).to.equal('timeout');
    const inFlight = () => Promise.resolve(json({ error: { code: 'conflict', message: 'A request with this Idempotency-Key is in flight.' } }, 409));
    answer = inFlight;
    const retried = await failure(a.postMessage('c_1', { body: 'Hi' }, { idempotencyKey: 'k-busy' }));
    expect([retried.code, retried.status]).to.deep.equal(['timeout', 409]);
    // A write that never went unanswered: a 409 is what it says.
    const stale = await failure(a.updateCase('c_1', { changes: { subject: 'x' }, version: 2 }, { idempotencyKey: 'k-fresh' }));
    expect(stale.code).to.equal('conflict');
    // Once the first attempt has finished, its answer is replayed and the key is done with.
    answer = () => Promise.resolve(json({ id: 'm1', caseId: 'c_1', kind: 'comment', body: 'Hi', author: { id: 'p1', name: 'Pat', role: 'customer' }, createdAt: '2025-03-02T10:00:00Z', attachments: [], public: true }, 201));
    expect((await a.postMessage('c_1', { body: 'Hi' }, { idempotencyKey: 'k-busy' })).id).to.equal('m1');
    answer = inFlight;
    expect((await failure(a.postMessage('c_1', { body: 'Hi' }, { idempotencyKey: 'k-busy' }))).code).to.equal('conflict');
    expect(rec.calls.every((c) => c.method !== 'GET')).to.equal(true);
  });
});

describe('RestAdapter: rate limits', () => {
  it('holds every request until a 429’s Retry-After has passed, without sending it', async () => {
    let limited = true;
    const { rec, a } = adapter(() =>
      limited ? json({ error: { code: 'rate_limited', message: 'Slow down.' } }, 429, { 'Retry-After': '1' }) : json({ items: [], total: 0, nextCursor: null }),
    );
    const before = Date.now();
    const first = await failure(a.listCases({}));
    expect(first.code).to.equal('rate_limited');
    expect(first.retryAfterSeconds).to.equal(1);
    expect(first.retryAt).to.be.within(before + 1000, Date.now() + 1000);
    limited = false;
    // A retry (or any other call) inside the wait goes nowhere and says how long is left.
    const held = await failure(a.getCase('c_1'));
    expect([held.code, held.backendMessage]).to.deep.equal(['rate_limited', 'Slow down.']);
    expect(held.retryAt).to.equal(first.retryAt);
    expect(held.retryAfterSeconds).to.be.within(1, 1);
    expect(rec.calls).to.have.length(1);
    await new Promise((r) => setTimeout(r, first.retryAt! - Date.now() + 20));
    expect((await a.listCases({})).total).to.equal(0);
    expect(rec.calls).to.have.length(2);
  });
});

describe('RestAdapter: ids', () => {
  const CRAFTED = ['..', '.', '', '../me', 'a/b', 'a?b=1', 'a#b', '%2e%2e', 'c 1', 'x'.repeat(101)];

  it('refuses an id that is not one as not_found before any request, for every call that puts it in a path', async () => {
    const { rec, a } = adapter(() => json(CASE));
    for (const id of CRAFTED) {
      const calls: [string, Promise<unknown>][] = [
        ['getCase', a.getCase(id)],
        ['updateCase', a.updateCase(id, { changes: {}, version: 1 })],
        ['transition', a.transition(id, 'close', {})],
        ['listMessages', a.listMessages(id)],
        ['postMessage', a.postMessage(id, { body: 'x' })],
        ['listHistory', a.listHistory(id)],
        ['listFiles', a.listFiles(id)],
        ['addFiles', a.addFiles(id, { attachmentIds: ['a1'] })],
        ['submitFeedback', a.submitFeedback(id, { rating: 5 })],
      ];
      for (const [name, p] of calls) expect((await failure(p)).code, `${name}(${JSON.stringify(id)})`).to.equal('not_found');
    }
    expect(rec.calls, 'not one request left').to.have.length(0);
    // The ids both backends make pass: the memory adapter's and the case server's.
    await a.getCase('case-00012345');
    await a.getCase('c_4f1e2d3c4b5a69788796a5b4c3d2e1f0');
    expect(rec.calls.map((c) => c.url.pathname)).to.deep.equal(['/api/cases/case-00012345', '/api/cases/c_4f1e2d3c4b5a69788796a5b4c3d2e1f0']);
  });
});

describe('RestAdapter: values from the backend', () => {
  it('replaces a time zone and a locale Intl cannot use, and reports each once to the first listener', async () => {
    const { a } = adapter(() => json({ ...VIEWER, timeZone: 'Mars/Olympus', locale: 'not a locale!' }));
    const heard: BackendProblem[] = [];
    const second: BackendProblem[] = [];
    const stop = a.onBackendProblem((p) => heard.push(p));
    a.onBackendProblem((p) => second.push(p));
    const { result, warnings } = await quietly(async () => [await a.viewer(), await a.viewer()]);
    for (const v of result) {
      expect(v).to.not.have.property('timeZone');
      expect(v).to.not.have.property('locale');
      expect(() => new Intl.DateTimeFormat('en', { timeZone: v.timeZone })).to.not.throw();
    }
    expect(heard.map((p) => p.path)).to.deep.equal(['viewer.timeZone', 'viewer.locale']);
    expect(heard[0]!.value).to.equal('Mars/Olympus');
    expect(second, 'one listener hears it: one report per page').to.deep.equal([]);
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.contain('viewer.timeZone: "Mars/Olympus" is not an IANA time zone');
    stop();
    // A valid zone passes untouched.
    const ok = adapter(() => json({ ...VIEWER, timeZone: 'Europe/Berlin', locale: 'de-DE' }));
    expect(await ok.a.viewer()).to.deep.include({ timeZone: 'Europe/Berlin', locale: 'de-DE' });
  });

  it('replaces dates that are not dates and URLs that are not strings in cases, messages, history and files', async () => {
    const badCase = {
      ...CASE,
      createdAt: 'yesterday',
      closedAt: 'never',
      sla: { response: { dueAt: 'soon' }, resolution: { dueAt: '2025-03-05T09:00:00Z', metAt: 'n/a' } },
      attachments: [{ id: 'a1', name: 'log.txt', size: 3, type: 'text/plain', url: 42 }],
    };
    const message = { id: 'm1', caseId: 'c_1', kind: 'comment', body: 'x', author: { id: 'a', name: 'A', role: 'agent' }, createdAt: 'later', attachments: [], public: true };
    const { a } = adapter((call) => {
      const path = call.url.pathname;
      if (path.endsWith('/messages')) return json({ items: [message], total: 1, nextCursor: null });
      if (path.endsWith('/history')) return json({ items: [{ at: 'then', from: null, to: CASE.status }] });
      if (path.endsWith('/files')) return json({ items: [{ id: 'f1', name: 'a.png', size: 1, type: 'image/png', url: { href: 'x' } }] });
      return json({ items: [badCase], total: 1, nextCursor: null });
    });
    const problems: BackendProblem[] = [];
    const { result } = await quietly(async () => {
      // Reported to whoever listens first, even when that is after the call.
      const page = await a.listCases({});
      a.onBackendProblem((p) => problems.push(p));
      return { page, messages: await a.listMessages('c_1'), history: await a.listHistory('c_1'), files: await a.listFiles('c_1') };
    });
    const c = result.page.items[0]!;
    expect([c.createdAt, c.closedAt, c.updatedAt]).to.deep.equal(['', null, CASE.updatedAt]);
    expect(c.sla).to.deep.equal({ response: null, resolution: { dueAt: '2025-03-05T09:00:00Z', metAt: null } });
    expect(c.attachments[0]!.url).to.equal('');
    expect(result.messages.items[0]!.createdAt).to.equal('');
    expect(result.history[0]!.at).to.equal('');
    expect(result.files[0]!.url).to.equal('');
    expect(problems.map((p) => p.path)).to.deep.equal([
      'case "c_1".createdAt',
      'case "c_1".closedAt',
      'case "c_1".sla.response.dueAt',
      'case "c_1".sla.resolution.metAt',
      'case "c_1" file "a1".url',
      'message "m1".createdAt',
      'history entry.at',
      'file "f1".url',
    ]);
  });
});
