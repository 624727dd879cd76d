/**
 * What RestAdapter puts on the wire and how it reads answers. Headers and error mapping use a
 * recording fetch (exact and fast); uploads need a real XHR, so they go through the msw worker.
 * The full behaviour over HTTP is covered by test/contract/rest.contract.test.ts.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { isAbortError, isAdapterError, safeUrl, type AdapterError, type AdapterEvent, type Message } from '@case-portal/core';
import type { SetupWorker } from 'msw/browser';
import { http, HttpResponse, delay } from 'msw';
import { startMockWorker } from '../../../test/mocks/browser.js';
import { createHandlers } from '../../../test/mocks/handlers.js';
import { errorHandlers } from '../../../test/mocks/failures.js';
import { RestAdapter } from './rest-adapter.js';
import { json, recordingFetch } from './test-fetch.js';

const CASE = { id: 'c1', number: '00000001', version: 3 };

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    if (isAdapterError(e)) return e;
    throw new Error(`expected an AdapterError, got ${String(e)}`);
  }
  throw new Error('expected a rejection');
}

describe('RestAdapter: requests', () => {
  it('sends the bearer token from getToken (sync or async) and the host headers', async () => {
    const rec = recordingFetch(() => json(CASE));
    const sync = new RestAdapter({ baseUrl: '/api/', fetch: rec.fetch, getToken: () => 't1', headers: { 'X-Tenant': 'nw' } });
    await sync.getCase('c1');
    const asyncToken = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch, getToken: async () => 't2' });
    await asyncToken.getCase('c1');
    const none = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch, getToken: () => null });
    // Ids are opaque tokens ([A-Za-z0-9_-]); anything else is refused before a request (see "ids").
    await none.getCase('c_1-2');
    expect(rec.calls[0]!.url.pathname).to.equal('/api/cases/c1');
    expect(rec.calls[0]!.headers.get('Authorization')).to.equal('Bearer t1');
    expect(rec.calls[0]!.headers.get('X-Tenant')).to.equal('nw');
    expect(rec.calls[1]!.headers.get('Authorization')).to.equal('Bearer t2');
    expect(rec.calls[2]!.headers.has('Authorization')).to.equal(false);
    expect(rec.calls[2]!.url.pathname).to.equal('/api/cases/c_1-2');
  });

  it('asks the token callback on every request, so a refreshed token is used at once', async () => {
    let n = 0;
    const rec = recordingFetch(() => json(CASE));
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch, getToken: () => `t${++n}` });
    await a.getCase('c1');
    await a.getCase('c1');
    expect(rec.calls.map((c) => c.headers.get('Authorization'))).to.deep.equal(['Bearer t1', 'Bearer t2']);
  });

  it('puts an Idempotency-Key on every write (the caller\'s, else a fresh one) and none on reads', async () => {
    const rec = recordingFetch(() => json(CASE));
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch });
    await a.createCase({ subject: 's', description: 'd' }, { idempotencyKey: 'k-1' });
    await a.postMessage('c1', { body: 'hi' });
    await a.transition('c1', 'close', { status: 'resolved', version: 3 });
    await a.submitFeedback('c1', { rating: 5 });
    await a.listCases({});
    const [create, post, transition, feedback, list] = rec.calls;
    expect(create!.headers.get('Idempotency-Key')).to.equal('k-1');
    expect(create!.headers.get('Content-Type')).to.equal('application/json');
    expect(post!.headers.get('Idempotency-Key')).to.match(/^[0-9a-f-]{32,36}$/);
    expect(transition!.url.pathname).to.equal('/api/cases/c1/transitions');
    expect(JSON.parse(transition!.body!)).to.deep.equal({ action: 'close', status: 'resolved', version: 3 });
    expect(feedback!.url.pathname).to.equal('/api/cases/c1/feedback');
    expect(list!.headers.has('Idempotency-Key')).to.equal(false);
  });

  it('sends the version as If-Match on PATCH and only the changes in the body', async () => {
    const rec = recordingFetch(() => json(CASE));
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch });
    await a.updateCase('c1', { changes: { product: 'switch-s24' }, version: 7 }, { idempotencyKey: 'k-2' });
    const call = rec.calls[0]!;
    expect(call.method).to.equal('PATCH');
    expect(call.headers.get('If-Match')).to.equal('"7"');
    expect(call.headers.get('Idempotency-Key')).to.equal('k-2');
    expect(JSON.parse(call.body!)).to.deep.equal({ changes: { product: 'switch-s24' } });
  });

  it('encodes list queries and message paging in the URL', async () => {
    const rec = recordingFetch(() => json({ items: [], total: 0, nextCursor: null }));
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch });
    await a.listCases({ view: 'mine', statuses: ['new', 'open'], sort: { key: 'number', dir: 'asc' }, limit: 5 });
    await a.listMessages('c1', { cursor: 'x', limit: 20 });
    expect(rec.calls[0]!.url.search).to.equal('?view=mine&status=new&status=open&sort=number%3Aasc&limit=5');
    expect(rec.calls[1]!.url.pathname + rec.calls[1]!.url.search).to.equal('/api/cases/c1/messages?cursor=x&limit=20');
  });

  it('asks for the participant entries of the history, keeps them, and leaves out kinds it does not know', async () => {
    const created = { at: '2025-03-10T12:00:00Z', from: null, to: { id: 'new', label: 'New', category: 'new' } };
    const added = { kind: 'participant-added', at: '2025-03-10T12:01:00Z', by: { id: 'u1', name: 'Alex', role: 'customer' }, person: { id: 'u2', name: 'Priya' } };
    const tagged = { ...created, kind: 'status', at: '2025-03-10T12:02:00Z' };
    const future = { kind: 'sla-paused', at: '2025-03-10T12:03:00Z' };
    const rec = recordingFetch(() => json({ items: [created, added, tagged, future] }));
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch });
    expect(await a.listHistory('c-1')).to.deep.equal([created, added, tagged]);
    expect(rec.calls[0]!.url.search).to.equal('?include=participants');
  });

  it('reads history and files as { items } lists, and posts files with an Idempotency-Key', async () => {
    const change = { at: '2025-03-10T12:00:00Z', from: null, to: { id: 'new', label: 'New', category: 'new' } };
    const file = { id: 'a1', name: 'log.txt', size: 3, type: 'text/plain', url: '/f/a1', messageId: 'm1' };
    const rec = recordingFetch((call) => {
      if (call.method === 'POST') return json({ ...CASE, attachments: [file] });
      return json({ items: call.url.pathname.endsWith('/history') ? [change] : [file] });
    });
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch, getToken: () => 't' });
    expect(await a.listHistory('c-1')).to.deep.equal([change]);
    // File URLs come back absolute (see the URL resolution tests below).
    const resolved = { ...file, url: new URL('/f/a1', location.href).href };
    expect(await a.listFiles('c1')).to.deep.equal([resolved]);
    const c = await a.addFiles('c1', { attachmentIds: ['a1'] }, { idempotencyKey: 'k-3' });
    expect(c.attachments).to.deep.equal([resolved]);
    const [history, files, add] = rec.calls;
    expect([history!.method, history!.url.pathname]).to.deep.equal(['GET', '/api/cases/c-1/history']);
    expect(history!.headers.has('Idempotency-Key')).to.equal(false);
    expect(history!.headers.get('Authorization')).to.equal('Bearer t');
    expect([files!.method, files!.url.pathname]).to.deep.equal(['GET', '/api/cases/c1/files']);
    expect([add!.method, add!.url.pathname]).to.deep.equal(['POST', '/api/cases/c1/files']);
    expect(add!.headers.get('Idempotency-Key')).to.equal('k-3');
    expect(add!.headers.get('Content-Type')).to.equal('application/json');
    expect(JSON.parse(add!.body!)).to.deep.equal({ attachmentIds: ['a1'] });
  });
});

describe('RestAdapter: attachment URLs', () => {
  // The case server signs each URL for its viewer, relative to the API root.
  const signed = 'attachments/f_1/content?t=default&p=p_1&exp=1900000000&sig=abc';
  const att = (id: string, url: string) => ({ id, name: `${id}.pdf`, size: 1, type: 'application/pdf', url });
  const unsafe = ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'blob:https://x.example/1', 'https://cdn.example/f.pdf'];

  /** Answers every route with its shape, every attachment carrying `url`. */
  function server(url: string) {
    const message = { id: 'm1', caseId: 'c1', kind: 'comment', body: 'hi', author: { id: 'a', name: 'A', role: 'agent' }, createdAt: '2025-01-01T00:00:00Z', attachments: [att('f_2', url)], public: true };
    const theCase = { ...CASE, attachments: [att('f_1', url)] };
    return recordingFetch((call) => {
      const path = call.url.pathname;
      if (path.endsWith('/events')) return json({ events: [{ type: 'message-added', caseId: 'c1', message }], cursor: '1' }, 200, { ETag: '"e1"' });
      if (path.endsWith('/messages')) return json(call.method === 'POST' ? message : { items: [message], total: 1, nextCursor: null });
      if (path.endsWith('/files') && call.method === 'GET') return json({ items: [{ ...att('f_3', url), messageId: null }] });
      if (path.endsWith('/cases') && call.method === 'GET') return json({ items: [theCase], total: 1, nextCursor: null });
      return json(theCase);
    });
  }

  async function everyUrl(a: RestAdapter): Promise<string[]> {
    const urls = [
      (await a.getCase('c1')).attachments[0]!.url,
      (await a.listCases({})).items[0]!.attachments[0]!.url,
      (await a.createCase({ subject: 's', description: 'd' })).attachments[0]!.url,
      (await a.updateCase('c1', { changes: {}, version: 3 })).attachments[0]!.url,
      (await a.transition('c1', 'close', {})).attachments[0]!.url,
      (await a.addFiles('c1', { attachmentIds: ['f_1'] })).attachments[0]!.url,
      (await a.submitFeedback('c1', { rating: 5 })).attachments[0]!.url,
      (await a.listMessages('c1')).items[0]!.attachments[0]!.url,
      (await a.postMessage('c1', { body: 'x' })).attachments[0]!.url,
      (await a.listFiles('c1'))[0]!.url,
    ];
    const events: AdapterEvent[] = [];
    const stop = a.subscribe({ caseId: 'c1' }, (e) => events.push(e));
    await waitUntil(() => events.some((e) => e.type === 'message-added'), 'an event');
    stop();
    const added = events.find((e) => e.type === 'message-added')!;
    urls.push(added.type === 'message-added' ? added.message.attachments[0]!.url : 'no message');
    return urls;
  }

  it('resolves them against a relative baseUrl, so a link works from any page', async () => {
    const rec = server(signed);
    const a = new RestAdapter({ baseUrl: '/api/portal/', fetch: rec.fetch, pollIntervalMs: 10, pollWhenHidden: true });
    const expected = new URL(`/api/portal/${signed}`, location.href).href;
    for (const url of await everyUrl(a)) expect(url).to.equal(expected);
    expect(safeUrl(expected)).to.equal(expected);
  });

  it('resolves them against an API on another origin, and a root-relative one against that origin', async () => {
    const a = new RestAdapter({ baseUrl: 'https://support.example.com/api/portal', fetch: server(signed).fetch, pollIntervalMs: 10, pollWhenHidden: true });
    for (const url of await everyUrl(a)) expect(url).to.equal(`https://support.example.com/api/portal/${signed}`);
    const root = new RestAdapter({ baseUrl: 'https://support.example.com/api/portal', fetch: server('/files/f_1').fetch });
    expect((await root.getCase('c1')).attachments[0]!.url).to.equal('https://support.example.com/files/f_1');
  });

  it('leaves URLs with a scheme exactly as sent, so safeUrl still drops what it drops', async () => {
    for (const url of unsafe) {
      const a = new RestAdapter({ baseUrl: '/api', fetch: server(url).fetch, pollIntervalMs: 10, pollWhenHidden: true });
      for (const got of await everyUrl(a)) expect(got, url).to.equal(url);
    }
    expect(safeUrl('javascript:alert(1)')).to.equal(null);
  });

  it('resolves the upload answer too', async () => {
    worker.use(http.post('/api/portal/attachments', () => HttpResponse.json(att('f_9', signed), { status: 201 })));
    const a = new RestAdapter({ baseUrl: '/api/portal' });
    const up = await a.uploadAttachment(new File(['x'], 'a.pdf', { type: 'application/pdf' }));
    expect(up.url).to.equal(new URL(`/api/portal/${signed}`, location.href).href);
    worker.resetHandlers();
  });
});

describe('RestAdapter: errors', () => {
  const adapterAnswering = (res: () => Response) => new RestAdapter({ baseUrl: '/api', fetch: recordingFetch(res).fetch });

  it('maps a JSON error body: code, backend message, field errors, status', async () => {
    const e = await failure(
      adapterAnswering(() => json({ error: { code: 'validation', message: 'Subject is required.' }, fieldErrors: { subject: 'Required.' } }, 422)).createCase({ subject: '', description: '' }),
    );
    expect(e.code).to.equal('validation');
    expect(e.backendMessage).to.equal('Subject is required.');
    expect(e.fieldErrors).to.deep.equal({ subject: 'Required.' });
    expect(e.status).to.equal(422);
  });

  it('turns a non-JSON 502 into a clean server error', async () => {
    const e = await failure(adapterAnswering(() => new Response('<h1>Bad gateway</h1>', { status: 502 })).viewer());
    expect(e.code).to.equal('server');
    expect(e.status).to.equal(502);
    expect(e.backendMessage).to.equal(null);
  });

  it('reads Retry-After on 429', async () => {
    const e = await failure(adapterAnswering(() => json({ error: { code: 'rate_limited', message: 'Slow down' } }, 429, { 'Retry-After': '30' })).listCases({}));
    expect(e.code).to.equal('rate_limited');
    expect(e.retryAfterSeconds).to.equal(30);
  });

  it('infers the code from the status when the body names none', async () => {
    for (const [status, code] of [[401, 'unauthorized'], [403, 'forbidden'], [404, 'not_found'], [409, 'conflict'], [413, 'too_large']] as const) {
      const e = await failure(adapterAnswering(() => new Response('', { status })).getCase('c1'));
      expect(e.code, String(status)).to.equal(code);
    }
  });

  it('reports a 200 that is not JSON as a server error', async () => {
    const e = await failure(adapterAnswering(() => new Response('<html>login</html>', { status: 200 })).describe());
    expect(e.code).to.equal('server');
  });

  it('reports a list answer without an items array as a server error', async () => {
    for (const body of [[], {}, { items: null }, null]) {
      const a = adapterAnswering(() => json(body));
      expect((await failure(a.listHistory('c1'))).code, JSON.stringify(body)).to.equal('server');
      expect((await failure(a.listFiles('c1'))).code, JSON.stringify(body)).to.equal('server');
    }
  });

  it('maps errors of the new case routes like every other call', async () => {
    const a = adapterAnswering(() => json({ error: { code: 'forbidden', message: 'Not allowed: case-finished.' } }, 403));
    const e = await failure(a.addFiles('c1', { attachmentIds: ['a1'] }));
    expect([e.code, e.status, e.backendMessage]).to.deep.equal(['forbidden', 403, 'Not allowed: case-finished.']);
    expect((await failure(adapterAnswering(() => new Response('', { status: 404 })).listHistory('nope'))).code).to.equal('not_found');
  });

  it('maps a failed fetch (TypeError) to network', async () => {
    const a = new RestAdapter({ baseUrl: '/api', fetch: () => Promise.reject(new TypeError('Failed to fetch')) });
    expect((await failure(a.listCases({}))).code).to.equal('network');
  });

  it('maps a failing token callback to unauthorized', async () => {
    const a = new RestAdapter({ baseUrl: '/api', fetch: recordingFetch(() => json(CASE)).fetch, getToken: () => Promise.reject(new Error('expired')) });
    expect((await failure(a.getCase('c1'))).code).to.equal('unauthorized');
  });

  it('keeps aborts as AbortErrors, before and during the request', async () => {
    const rec = recordingFetch(() => new Promise<Response>(() => {}));
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch });
    const pre = await a.getCase('c1', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(isAbortError(pre)).to.equal(true);
    expect(rec.calls.length, 'nothing sent when already aborted').to.equal(0);
    const c = new AbortController();
    const p = a.getCase('c1', { signal: c.signal });
    await waitUntil(() => rec.calls.length === 1);
    c.abort();
    expect(isAbortError(await p.catch((e: unknown) => e))).to.equal(true);
  });
});

// One worker for the file: the memory-backed API plus a slow endpoint; tests add failures with use().
let worker: SetupWorker;
before(async function () {
  // Installing msw's service worker waits for its claim: seconds on a loaded 2-core machine.
  this.timeout(20_000);
  worker = await startMockWorker([
    http.get('/api/slow/me', async () => {
      await delay(30);
      return HttpResponse.json({ id: 'u', name: 'U', permissions: ['read'] });
    }),
    ...createHandlers(),
  ]);
});
after(async () => {
  await worker.stop();
});

describe('RestAdapter over msw: network, uploads', () => {
  afterEach(() => worker.resetHandlers());

  it('maps msw network errors and backend messages from the shared error handlers', async () => {
    const a = new RestAdapter({ baseUrl: '/api/portal' });
    worker.use(errorHandlers.network({ path: '/me' }), errorHandlers.server('Maintenance until 6pm.', { path: '/cases' }), errorHandlers.badGateway({ path: '/schema' }));
    expect((await failure(a.viewer())).code).to.equal('network');
    const server = await failure(a.listCases({}));
    expect([server.code, server.status, server.backendMessage]).to.deep.equal(['server', 500, 'Maintenance until 6pm.']);
    expect((await failure(a.describe())).status).to.equal(502);
  });

  it('uploads with XHR, reports progress and sends the token', async () => {
    let auth: string | null = null;
    worker.use(
      http.post('/api/portal/attachments', ({ request }) => {
        auth = request.headers.get('Authorization');
        return undefined; // fall through to the real handler
      }),
    );
    const a = new RestAdapter({ baseUrl: '/api/portal', getToken: () => 'up-token' });
    const content = 'x'.repeat(256 * 1024);
    const progress: [number, number][] = [];
    const att = await a.uploadAttachment(new File([content], 'log.txt', { type: 'text/plain' }), { onProgress: (l, t) => progress.push([l, t]) });
    expect(att.name).to.equal('log.txt');
    expect(att.size).to.equal(content.length);
    expect(auth).to.equal('Bearer up-token');
    // Through a service worker Chromium sends no upload progress; the adapter still ends at 100%.
    expect(progress.length).to.be.greaterThan(0);
    const [loaded, total] = progress[progress.length - 1]!;
    expect(loaded).to.equal(total);
    expect(total).to.be.at.least(content.length);
  });

  it('maps upload errors and aborts the XHR on signal', async () => {
    const a = new RestAdapter({ baseUrl: '/api/portal' });
    worker.use(errorHandlers.tooLarge({ once: true }));
    const e = await failure(a.uploadAttachment(new File(['abc'], 'a.txt', { type: 'text/plain' })));
    expect([e.code, e.status]).to.deep.equal(['too_large', 413]);

    // Finite: worker.stop() waits for requests still pending in the service worker.
    worker.use(errorHandlers.delay(500, { path: '/attachments' }));
    const c = new AbortController();
    const p = a.uploadAttachment(new File(['abc'], 'a.txt', { type: 'text/plain' }), { signal: c.signal });
    setTimeout(() => c.abort(), 50);
    expect(isAbortError(await p.catch((err: unknown) => err))).to.equal(true);
  });
});

describe('RestAdapter: polling subscribe (eventStream: false, and the fallback)', () => {
  const message = (id: string, caseId = 'c1'): Message => ({
    id,
    caseId,
    kind: 'comment',
    body: 'hi',
    author: { id: 'a', name: 'Agent', role: 'agent' },
    createdAt: new Date().toISOString(),
    attachments: [],
    public: true,
  });

  /** A fake /events: 304 while the client's tag is current, the queued events otherwise. */
  function eventsServer() {
    let seq = 0;
    const queued: AdapterEvent[] = [];
    const rec = recordingFetch((call) => {
      const tag = `"e${seq}"`;
      if (call.headers.get('If-None-Match') === tag) return new Response(null, { status: 304, headers: { ETag: tag } });
      const events = call.url.searchParams.has('since') ? queued.splice(0) : [];
      return json({ events, cursor: String(seq) }, 200, { ETag: tag });
    });
    return {
      rec,
      push(e: AdapterEvent) {
        queued.push(e);
        seq++;
      },
    };
  }

  it('polls with If-None-Match, emits new events, stays quiet on 304s, stops on unsubscribe', async () => {
    const server = eventsServer();
    const a = new RestAdapter({ baseUrl: '/api', fetch: server.rec.fetch, eventStream: false, pollIntervalMs: 20, pollWhenHidden: true });
    const got: AdapterEvent[] = [];
    const stop = a.subscribe({ caseId: 'c1' }, (e) => got.push(e));
    await waitUntil(() => server.rec.calls.length >= 3, 'a few polls');
    const calls = server.rec.calls;
    expect(calls[0]!.url.pathname).to.equal('/api/events');
    expect(calls[0]!.url.searchParams.get('caseId')).to.equal('c1');
    expect(calls[0]!.headers.has('If-None-Match')).to.equal(false);
    expect(calls[1]!.headers.get('If-None-Match')).to.equal('"e0"');
    expect(calls[1]!.url.searchParams.get('since')).to.equal('0');
    // Subscribed before the first answer said where "now" is: whatever happened in between is not
    // known, so one reset (reload what you show) and nothing else.
    expect(got).to.deep.equal([{ type: 'reset', caseId: 'c1' }]);

    server.push({ type: 'message-added', caseId: 'c1', message: message('m1') });
    server.push({ type: 'case-changed', caseId: 'other' });
    await waitUntil(() => got.length >= 2, 'event delivered');
    expect(got.map((e) => e.type)).to.deep.equal(['reset', 'message-added']);

    // A subscriber that joins once the position is known misses nothing: no reset for it.
    const later: AdapterEvent[] = [];
    const stopLater = a.subscribe({ caseId: 'c1' }, (e) => later.push(e));
    server.push({ type: 'case-changed', caseId: 'c1' });
    await waitUntil(() => later.length >= 1, 'the later subscriber hears the change');
    expect(later.map((e) => e.type)).to.deep.equal(['case-changed']);
    stopLater();

    stop();
    const n = server.rec.calls.length;
    await new Promise((r) => setTimeout(r, 80));
    expect(server.rec.calls.length).to.equal(n);
  });

  it('shares one poll loop between listeners of the same case, and stops with the last', async () => {
    const server = eventsServer();
    const a = new RestAdapter({ baseUrl: '/api', fetch: server.rec.fetch, eventStream: false, pollIntervalMs: 20, pollWhenHidden: true });
    const first: AdapterEvent[] = [];
    const second: AdapterEvent[] = [];
    const stopFirst = a.subscribe({ caseId: 'c1' }, (e) => first.push(e));
    const stopSecond = a.subscribe({ caseId: 'c1' }, (e) => second.push(e));
    await waitUntil(() => server.rec.calls.length >= 4, 'a few polls');
    // One loop: consecutive polls alternate "no tag" / tag only once, never two first polls.
    expect(server.rec.calls.filter((c) => !c.headers.has('If-None-Match'))).to.have.length(1);
    server.push({ type: 'message-added', caseId: 'c1', message: message('m2') });
    // Each: the reset of a position learnt after it subscribed, then the event.
    await waitUntil(() => first.length === 2 && second.length === 2, 'both hear the event');
    stopFirst();
    server.push({ type: 'case-changed', caseId: 'c1' });
    await waitUntil(() => second.length === 3, 'the other listener still hears');
    expect(first).to.have.length(2);
    stopSecond();
    const n = server.rec.calls.length;
    await new Promise((r) => setTimeout(r, 80));
    expect(server.rec.calls.length).to.equal(n);
  });

  it('does not poll while the page is hidden and catches up when it is visible', async () => {
    const server = eventsServer();
    const a = new RestAdapter({ baseUrl: '/api', fetch: server.rec.fetch, eventStream: false, pollIntervalMs: 20 });
    // Headless Chromium may itself report a test page as hidden: set both states explicitly.
    let state: DocumentVisibilityState = 'hidden';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    const stop = a.subscribe({}, () => {});
    try {
      await new Promise((r) => setTimeout(r, 80));
      expect(server.rec.calls.length).to.equal(0);
      state = 'visible';
      document.dispatchEvent(new Event('visibilitychange'));
      await waitUntil(() => server.rec.calls.length >= 2, 'polls once visible');
    } finally {
      stop();
      delete (document as { visibilityState?: DocumentVisibilityState }).visibilityState;
    }
  });

  it('backs off after failures instead of hammering the server', async () => {
    const rec = recordingFetch(() => json({ error: { code: 'server', message: 'down' } }, 503));
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch, eventStream: false, pollIntervalMs: 20 });
    const stop = a.subscribe({}, () => {});
    await new Promise((r) => setTimeout(r, 200));
    stop();
    // Without back-off: ~10 requests in 200 ms; with doubling (40, 80, 160 ms…): at most 3-4.
    expect(rec.calls.length).to.be.at.most(4);
  });
});

describe('RestAdapter over msw: abort in flight', () => {
  it('aborts a slow fetch with an AbortError', async () => {
    const a = new RestAdapter({ baseUrl: '/api/slow' });
    const c = new AbortController();
    const p = a.viewer({ signal: c.signal });
    setTimeout(() => c.abort(), 5);
    expect(isAbortError(await p.catch((e: unknown) => e))).to.equal(true);
    expect((await a.viewer()).id).to.equal('u');
  });
});

describe('RestAdapter: signing in through the host site', () => {
  /** A JWT-shaped token whose payload says when it expires (the adapter reads `exp` only to cache it). */
  const jwt = (name: string, expInSeconds: number) =>
    `h.${btoa(JSON.stringify({ sub: name, exp: Math.floor(Date.now() / 1000) + expInSeconds })).replace(/=+$/, '')}.s`;
  /** The `sub` of the bearer token in an Authorization header. */
  const subOf = (header: string | null) => {
    const part = header?.split('.')[1];
    return part ? (JSON.parse(atob(part.padEnd(Math.ceil(part.length / 4) * 4, '='))) as { sub: string }).sub : null;
  };

  it('after a 401 asks the token callback once for a fresh token and sends the request again, same key', async () => {
    const asked: boolean[] = [];
    const rec = recordingFetch((call) => (call.headers.get('Authorization') === 'Bearer fresh' ? json(CASE) : json({ error: { code: 'unauthorized', message: 'Sign-in required.' } }, 401)));
    const a = new RestAdapter({
      baseUrl: '/api',
      fetch: rec.fetch,
      getToken: ({ refresh }) => {
        asked.push(refresh);
        return refresh ? 'fresh' : 'stale';
      },
    });
    const c = await a.transition('c1', 'close', { status: 'resolved', version: 3 }, { idempotencyKey: 'k-9' });
    expect(c.id).to.equal('c1');
    expect(asked).to.deep.equal([false, true]);
    expect(rec.calls.map((x) => x.headers.get('Idempotency-Key'))).to.deep.equal(['k-9', 'k-9']);
  });

  it('a second 401 is the customer not signed in: unauthorized, and no third request', async () => {
    const rec = recordingFetch(() => json({ error: { code: 'unauthorized', message: 'Sign-in required.' } }, 401));
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch, getToken: () => 'never-good' });
    const e = await failure(a.getCase('c1'));
    expect(e.code).to.equal('unauthorized');
    expect(rec.calls).to.have.length(2);
  });

  it('without a token source a 401 is not retried', async () => {
    const rec = recordingFetch(() => json({ error: { code: 'unauthorized', message: 'x' } }, 401));
    const e = await failure(new RestAdapter({ baseUrl: '/api', fetch: rec.fetch }).getCase('c1'));
    expect(e.code).to.equal('unauthorized');
    expect(rec.calls).to.have.length(1);
  });

  it('token-url: one request to the host site shared by concurrent calls, the token cached until shortly before exp', async () => {
    let issued = 0;
    const rec = recordingFetch((call) => {
      if (call.url.pathname === '/portal-token') return json({ token: jwt(`t${++issued}`, 600) });
      return json(CASE);
    });
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch, tokenUrl: '/portal-token' });
    await Promise.all([a.getCase('c1'), a.getCase('c2'), a.viewer()]);
    await a.getCase('c3');
    const tokenCalls = rec.calls.filter((c) => c.url.pathname === '/portal-token');
    expect(tokenCalls).to.have.length(1);
    const sent = rec.calls.filter((c) => c.url.pathname.startsWith('/api')).map((c) => subOf(c.headers.get('Authorization')));
    expect(sent).to.deep.equal(['t1', 't1', 't1', 't1']);

    // A token about to expire (within the margin) is fetched again before use.
    issued = 0;
    const soon = recordingFetch((call) => (call.url.pathname === '/portal-token' ? json({ token: jwt(`s${++issued}`, 10) }) : json(CASE)));
    const b = new RestAdapter({ baseUrl: '/api', fetch: soon.fetch, tokenUrl: '/portal-token' });
    await b.getCase('c1');
    await b.getCase('c1');
    expect(soon.calls.filter((c) => c.url.pathname === '/portal-token')).to.have.length(2);
  });

  it('token-url: a 401 from the API fetches a new token; a host site that says "not signed in" sends no token', async () => {
    let issued = 0;
    const rec = recordingFetch((call) => {
      if (call.url.pathname === '/portal-token') return json({ token: jwt(`t${++issued}`, 600) });
      return subOf(call.headers.get('Authorization')) === 't2' ? json(CASE) : json({ error: { code: 'unauthorized', message: 'x' } }, 401);
    });
    const a = new RestAdapter({ baseUrl: '/api', fetch: rec.fetch, tokenUrl: '/portal-token' });
    expect((await a.getCase('c1')).id).to.equal('c1');
    expect(rec.calls.map((c) => c.url.pathname)).to.deep.equal(['/portal-token', '/api/cases/c1', '/portal-token', '/api/cases/c1']);

    const out = recordingFetch((call) => (call.url.pathname === '/portal-token' ? new Response(null, { status: 401 }) : json({ error: { code: 'unauthorized', message: 'x' } }, 401)));
    const e = await failure(new RestAdapter({ baseUrl: '/api', fetch: out.fetch, tokenUrl: '/portal-token' }).getCase('c1'));
    expect(e.code).to.equal('unauthorized');
    expect(out.calls.filter((c) => c.url.pathname.startsWith('/api')).every((c) => !c.headers.has('Authorization'))).to.equal(true);
  });

  it('token-url: an answer without a token is a clear unauthorized error naming the endpoint', async () => {
    const rec = recordingFetch((call) => (call.url.pathname === '/portal-token' ? json({ jwt: 'x' }) : json(CASE)));
    const e = await failure(new RestAdapter({ baseUrl: '/api', fetch: rec.fetch, tokenUrl: '/portal-token' }).getCase('c1'));
    expect(e.code).to.equal('unauthorized');
    expect(String((e.cause as Error).message)).to.contain('/portal-token');
    expect(rec.calls.filter((c) => c.url.pathname.startsWith('/api'))).to.have.length(0);
  });
});
