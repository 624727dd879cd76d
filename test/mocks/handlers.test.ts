/**
 * The mock API's HTTP behaviour that the RestAdapter never exercises on its own (it always sends
 * what the contract asks): missing headers, conditional GETs, replays, auth. Plain fetch here.
 */
import { expect } from '@open-wc/testing';
import type { SetupWorker } from 'msw/browser';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import { startMockWorker } from './browser.js';
import { createMockApi } from './handlers.js';

const BASE = '/api/h';
let worker: SetupWorker;

before(async function () {
  // Installing msw's service worker waits for its claim: seconds on a loaded 2-core machine.
  this.timeout(20_000);
  worker = await startMockWorker([]);
});
after(async () => {
  await worker.stop();
});

describe('mock API handlers', () => {
  let dispose: () => void;
  beforeEach(() => {
    const api = createMockApi({ baseUrl: BASE, adapter: new MemoryAdapter({ storage: null }), token: 't' });
    dispose = api.dispose;
    worker.resetHandlers(...api.handlers);
  });
  afterEach(() => dispose());

  const auth = { Authorization: 'Bearer t' };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${BASE}${path}`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('answers 401 with the error body without the bearer token', async () => {
    const res = await fetch(`${BASE}/me`);
    expect(res.status).to.equal(401);
    expect((await res.json()).error.code).to.equal('unauthorized');
  });

  it('answers 400 validation for malformed list parameters', async () => {
    const res = await fetch(`${BASE}/cases?sort=subject`, { headers: auth });
    expect(res.status).to.equal(400);
    const body = await res.json();
    expect(body.error.code).to.equal('validation');
    expect(body.fieldErrors).to.have.property('sort');
  });

  it('requires If-Match on PATCH (428) and answers 409 for a stale one', async () => {
    const { items } = await (await fetch(`${BASE}/cases?view=mine&category=new&category=open&limit=1`, { headers: auth })).json();
    const c = items[0];
    const patch = (headers: Record<string, string>) =>
      fetch(`${BASE}/cases/${c.id}`, { method: 'PATCH', headers: { ...auth, 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ changes: { serial_number: 'SN-9' } }) });
    const missing = await patch({});
    expect(missing.status).to.equal(428);
    expect((await missing.json()).error.code).to.equal('validation');
    const stale = await patch({ 'If-Match': `"${c.version - 1}"` });
    expect(stale.status).to.equal(409);
    const ok = await patch({ 'If-Match': `"${c.version}"` });
    expect(ok.status).to.equal(200);
    expect(ok.headers.get('ETag')).to.equal(`"${c.version + 1}"`);
  });

  it('replays a write with the same Idempotency-Key', async () => {
    const input = { subject: 'Replay me', description: 'Twice sent, once made.', fields: { product: 'router-x200' } };
    const a = await post('/cases', input, { 'Idempotency-Key': 'same' });
    const b = await post('/cases', input, { 'Idempotency-Key': 'same' });
    expect([a.status, b.status]).to.deep.equal([201, 201]);
    expect((await b.json()).id).to.equal((await a.json()).id);
    expect(b.headers.get('Idempotent-Replayed')).to.equal('true');
  });

  it('answers 422 for the same Idempotency-Key with another request, as the case server does', async () => {
    const input = { subject: 'Key and body', description: 'First.', fields: { product: 'router-x200' } };
    const a = await post('/cases', input, { 'Idempotency-Key': 'k-body' });
    expect(a.status).to.equal(201);
    const other = await post('/cases', { ...input, description: 'Edited.' }, { 'Idempotency-Key': 'k-body' });
    expect(other.status).to.equal(422);
    const body = await other.json();
    expect(body.error.code).to.equal('validation');
    expect(body.fieldErrors).to.have.property('Idempotency-Key');
    // Another route under the same key is another request too.
    const elsewhere = await post(`/cases/${(await a.json()).id}/messages`, { body: 'Hi' }, { 'Idempotency-Key': 'k-body' });
    expect(elsewhere.status).to.equal(422);
    // The first request under its key still gets its answer back.
    expect((await post('/cases', input, { 'Idempotency-Key': 'k-body' })).headers.get('Idempotent-Replayed')).to.equal('true');
  });

  it('replays a refusal for its key, and frees the key after a conflict (a retry may succeed)', async () => {
    const refused = await post('/cases', { subject: '', description: 'x' }, { 'Idempotency-Key': 'k-refused' });
    expect(refused.status).to.equal(422);
    const again = await post('/cases', { subject: '', description: 'x' }, { 'Idempotency-Key': 'k-refused' });
    expect([again.status, again.headers.get('Idempotent-Replayed')]).to.deep.equal([422, 'true']);
    const c = await (await post('/cases', { subject: 'Conflict', description: 'd', fields: { product: 'router-x200' } })).json();
    const patch = (version: number) =>
      fetch(`${BASE}/cases/${c.id}`, {
        method: 'PATCH',
        headers: { ...auth, 'Content-Type': 'application/json', 'If-Match': `"${version}"`, 'Idempotency-Key': 'k-conflict' },
        body: JSON.stringify({ changes: { serial_number: 'SN-1' } }),
      });
    expect((await patch(c.version - 1)).status).to.equal(409);
    expect((await patch(c.version)).status).to.equal(200);
  });

  it('answers 409 to a twin of a write that is still running, then replays the first answer', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = createMockApi({ baseUrl: BASE, token: 't', beforeWrite: () => gate });
    worker.resetHandlers(...slow.handlers);
    try {
      const input = { subject: 'In flight', description: 'd', fields: { product: 'router-x200' } };
      const first = post('/cases', input, { 'Idempotency-Key': 'k-twin' });
      await new Promise((r) => setTimeout(r, 50));
      const twin = await post('/cases', input, { 'Idempotency-Key': 'k-twin' });
      expect(twin.status).to.equal(409);
      expect((await twin.json()).error).to.deep.equal({ code: 'conflict', message: 'A request with this Idempotency-Key is in flight.' });
      release();
      const made = await (await first).json();
      const replay = await post('/cases', input, { 'Idempotency-Key': 'k-twin' });
      expect([(await replay.json()).id, replay.headers.get('Idempotent-Replayed')]).to.deep.equal([made.id, 'true']);
    } finally {
      release();
      slow.dispose();
    }
  });

  it('answers 304 to a conditional GET of an unchanged thread, 200 after a new message', async () => {
    const created = await (await post('/cases', { subject: 'Etag', description: 'd', fields: { product: 'router-x200' } })).json();
    const url = `${BASE}/cases/${created.id}/messages`;
    const first = await fetch(url, { headers: auth });
    const etag = first.headers.get('ETag')!;
    expect(etag).to.be.a('string');
    expect((await fetch(url, { headers: { ...auth, 'If-None-Match': etag } })).status).to.equal(304);
    await post(`/cases/${created.id}/messages`, { body: 'New' });
    expect((await fetch(url, { headers: { ...auth, 'If-None-Match': etag } })).status).to.equal(200);
  });

  it('serves /events: a cursor first, then the events after it, 304 while nothing happened', async () => {
    const start = await fetch(`${BASE}/events`, { headers: auth });
    const { events, cursor } = await start.json();
    expect(events).to.deep.equal([]);
    const etag = start.headers.get('ETag')!;
    const quiet = await fetch(`${BASE}/events?since=${cursor}`, { headers: { ...auth, 'If-None-Match': etag } });
    expect(quiet.status).to.equal(304);
    const c = await (await post('/cases', { subject: 'Events', description: 'd', fields: { product: 'router-x200' } })).json();
    const m = await (await post(`/cases/${c.id}/messages`, { body: 'Hello' })).json();
    const after = await fetch(`${BASE}/events?since=${cursor}&caseId=${c.id}`, { headers: { ...auth, 'If-None-Match': etag } });
    expect(after.status).to.equal(200);
    const body = await after.json();
    const added = body.events.filter((e: { type: string }) => e.type === 'message-added');
    expect(added.map((e: { message: { id: string } }) => e.message.id)).to.deep.equal([m.id]);
  });

  it('serves history and files as { items }, and replays POST /files per Idempotency-Key', async () => {
    const c = await (await post('/cases', { subject: 'Files', description: 'd', fields: { product: 'router-x200' } })).json();
    const history = await (await fetch(`${BASE}/cases/${c.id}/history`, { headers: auth })).json();
    expect(history.items.map((h: { from: unknown; to: { id: string } }) => [h.from, h.to.id])).to.deep.equal([[null, c.status.id]]);
    const form = new FormData();
    form.append('file', new File(['x'], 'x.txt', { type: 'text/plain' }));
    const up = await (await fetch(`${BASE}/attachments`, { method: 'POST', headers: auth, body: form })).json();
    const a = await post(`/cases/${c.id}/files`, { attachmentIds: [up.id] }, { 'Idempotency-Key': 'files-1' });
    const b = await post(`/cases/${c.id}/files`, { attachmentIds: [up.id] }, { 'Idempotency-Key': 'files-1' });
    expect([a.status, b.status]).to.deep.equal([200, 200]);
    expect(a.headers.get('ETag')).to.equal(`"${c.version + 1}"`);
    expect(b.headers.get('Idempotent-Replayed')).to.equal('true');
    const files = await (await fetch(`${BASE}/cases/${c.id}/files`, { headers: auth })).json();
    expect(files.items.map((f: { id: string }) => f.id)).to.deep.equal([up.id]);
    const bad = await post(`/cases/${c.id}/files`, { attachmentIds: ['nope'] });
    expect(bad.status).to.equal(422);
    expect((await bad.json()).fieldErrors).to.have.property('attachmentIds');
    expect((await fetch(`${BASE}/cases/no-such-case/history`, { headers: auth })).status).to.equal(404);
  });

  it('answers 422 when the multipart field "file" is missing', async () => {
    const form = new FormData();
    form.append('other', 'x');
    const res = await fetch(`${BASE}/attachments`, { method: 'POST', headers: auth, body: form });
    expect(res.status).to.equal(422);
    expect((await res.json()).fieldErrors).to.have.property('file');
  });
});
