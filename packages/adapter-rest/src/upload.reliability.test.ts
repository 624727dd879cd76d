/**
 * Uploads against a server that misbehaves: one idempotency key per file across attempts (a
 * retry after a lost answer leaves no orphan file), and a deadline judged by stalled progress,
 * not total time. msw for the key (the mock server checks key ↔ file like the case server);
 * real slow HTTP answers from the test server (test/servers/slow-answers.mjs) for the deadline.
 */
import { expect } from '@open-wc/testing';
import { isAdapterError, type AdapterError, type PortalSchema } from '@case-portal/core';
import { demoSchema } from '@case-portal/adapter-memory';
import type { SetupWorker } from 'msw/browser';
import { http } from 'msw';
import { startMockWorker } from '../../../test/mocks/browser.js';
import { createHandlers } from '../../../test/mocks/handlers.js';
import { RestAdapter } from './rest-adapter.js';
import { json, recordingFetch } from './test-fetch.js';

async function failure(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    if (isAdapterError(e)) return e;
    throw new Error(`expected an AdapterError, got ${String(e)}`);
  }
  throw new Error('expected a rejection');
}

const file = (text = 'abc', name = 'a.txt') => new File([text], name, { type: 'text/plain', lastModified: 1 });

let worker: SetupWorker;
/** Every upload request the mock API saw: its key, and whether the answer was a replay. */
let seen: { key: string | null }[] = [];
/** Holds uploads until released (a server that takes the file and does not answer). */
let hold: Promise<void> | null = null;
let release = () => {};

before(async function () {
  this.timeout(20_000);
  worker = await startMockWorker([]);
});
after(async () => {
  await worker.stop();
});
beforeEach(() => {
  seen = [];
  hold = null;
  worker.resetHandlers(
    http.post('/api/portal/attachments', async ({ request }) => {
      seen.push({ key: request.headers.get('Idempotency-Key') });
      if (hold) await hold;
      return undefined; // on to the mock API
    }),
    ...createHandlers(),
  );
});
afterEach(() => release());

describe('RestAdapter uploads: one key per file', () => {
  it('sends the caller’s key, so a second attempt for the same file gets the first upload back', async () => {
    const a = new RestAdapter({ baseUrl: '/api/portal' });
    const first = await a.uploadAttachment(file(), { idempotencyKey: 'upload-1' });
    const again = await a.uploadAttachment(file(), { idempotencyKey: 'upload-1' });
    expect(seen.map((s) => s.key)).to.deep.equal(['upload-1', 'upload-1']);
    expect(again.id, 'the same attachment, not a second one').to.equal(first.id);
    // Without a key each call is its own upload.
    const one = await a.uploadAttachment(file());
    const two = await a.uploadAttachment(file());
    expect(seen[2]!.key).to.not.equal(seen[3]!.key);
    expect(one.id).to.not.equal(two.id);
  });

  it('is refused by the server when the key is reused for another file (422), as the case server does', async () => {
    const a = new RestAdapter({ baseUrl: '/api/portal' });
    await a.uploadAttachment(file('first'), { idempotencyKey: 'upload-2' });
    const e = await failure(a.uploadAttachment(file('second'), { idempotencyKey: 'upload-2' }));
    expect([e.code, e.status]).to.deep.equal(['validation', 422]);
  });

  it('fails as "timeout" when the server takes the file and does not answer, and the retry keeps the key', async () => {
    hold = new Promise<void>((resolve) => (release = resolve));
    const a = new RestAdapter({ baseUrl: '/api/portal', uploadStallMs: 250 });
    const started = performance.now();
    const e = await failure(a.uploadAttachment(file('slow'), { idempotencyKey: 'upload-3' }));
    expect(e.code).to.equal('timeout');
    expect(performance.now() - started).to.be.within(240, 2000);
    release();
    hold = null;
    // Let the first attempt finish on the server (a retry meeting it still running gets 409: in flight).
    await new Promise((r) => setTimeout(r, 150));
    await a.uploadAttachment(file('slow'), { idempotencyKey: 'upload-3' });
    expect(seen.map((s) => s.key)).to.deep.equal(['upload-3', 'upload-3']);
  });
});

describe('RestAdapter uploads: a deadline on stalled progress, not on total time', () => {
  // The base URL picks the slow server's behaviour; the schema (for the limits) comes from a fake fetch.
  const slow = (base: string) =>
    new RestAdapter({
      baseUrl: base,
      uploadStallMs: 400,
      fetch: recordingFetch(() => json({ ...demoSchema, limits: { ...demoSchema.limits, allowedTypes: [] } } satisfies PortalSchema)).fetch,
    });

  it('lets an answer that keeps coming take longer than the stall limit', async function () {
    this.timeout(8000);
    const started = performance.now();
    const attachment = await slow('/__slow/trickle-1200').uploadAttachment(file(), { idempotencyKey: 'slow-ok' });
    expect(performance.now() - started, 'three times the stall limit in total').to.be.at.least(1100);
    expect(attachment.id).to.equal('slow-1');
  });

  it('fails as "timeout" when nothing moves for the stall limit', async function () {
    this.timeout(8000);
    const started = performance.now();
    const e = await failure(slow('/__slow/silent-1500').uploadAttachment(file(), { idempotencyKey: 'slow-stuck' }));
    expect(e.code).to.equal('timeout');
    expect(performance.now() - started).to.be.within(390, 1400);
  });
});
