/**
 * The REST adapter's live updates against the real server: RestAdapter (the browser client, run
 * here in Node, whose fetch streams bodies too) → HTTP → the case server on a SQLite file and on
 * PostgreSQL. The browser tests check the client against msw; this checks that it and the server
 * speak the same protocol: the stream, Last-Event-ID, token expiry, polling.
 */
import { expect } from 'chai';
import type { AdapterEvent } from '@case-portal/core';
import { RestAdapter } from '@case-portal/adapter-rest';
import { DB_KINDS, startServer, tokenFor, type Person, type RunningServer } from './support/server.js';

const alex: Person = { sub: 'ra-alex', name: 'Alex Morgan', org: 'acme' };
const newCase = { subject: 'Live through the adapter', description: 'Nightly reboots.', fields: { product: 'router-x200' } };

async function until(test: () => boolean, what: string, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const messageIds = (events: AdapterEvent[]) => events.flatMap((e) => (e.type === 'message-added' ? [e.message.id] : []));

for (const kind of DB_KINDS) {
  describe(`RestAdapter live updates against the server on ${kind}`, function () {
    this.timeout(30_000);
    let server: RunningServer;
    before(async () => {
      server = await startServer(kind);
    });
    after(() => server.close());

    it('streams events, and after the token expires reconnects with a fresh one and its Last-Event-ID, missing nothing', async () => {
      let issued = 0;
      // Every token lives 2 s: the server ends the stream when it expires.
      const getToken = () => {
        issued++;
        return tokenFor(alex, (j) => j.setExpirationTime(Math.floor(Date.now() / 1000) + 2));
      };
      const adapter = new RestAdapter({ baseUrl: server.url, getToken, pollWhenHidden: true, pollIntervalMs: 60_000, eventStream: { retryMs: 50 } });
      const c = await adapter.createCase(newCase);
      const events: AdapterEvent[] = [];
      const stop = adapter.subscribe({ caseId: c.id }, (e) => events.push(e));
      try {
        await new Promise((r) => setTimeout(r, 300));
        const before = issued;
        // Messages every 150 ms for 4 s: across the first stream token's expiry, the end of that
        // stream and the pause before the reconnect (the server asks for 2 s), which replays them.
        const posted: string[] = [];
        for (let i = 0; i < 26; i++) {
          posted.push((await adapter.postMessage(c.id, { body: `message ${i}` })).id);
          await new Promise((r) => setTimeout(r, 150));
        }
        await until(() => messageIds(events).length >= posted.length, 'every message');
        await new Promise((r) => setTimeout(r, 200));
        expect(messageIds(events)).to.deep.equal(posted);
        expect(issued - before, 'fresh tokens for the reconnects (besides the posts)').to.be.greaterThan(posted.length);
        expect(events.every((e) => e.caseId === c.id)).to.equal(true);
      } finally {
        stop();
      }
    });

    it('polls GET /events with eventStream: false and sees the same events', async () => {
      const adapter = new RestAdapter({ baseUrl: server.url, getToken: () => tokenFor(alex), pollWhenHidden: true, pollIntervalMs: 100, eventStream: false });
      const c = await adapter.createCase(newCase);
      const events: AdapterEvent[] = [];
      const stop = adapter.subscribe({ caseId: c.id }, (e) => events.push(e));
      try {
        await new Promise((r) => setTimeout(r, 300));
        const m = await adapter.postMessage(c.id, { body: 'polled' });
        await until(() => messageIds(events).includes(m.id), 'the polled message');
        // First the reset every subscriber hears when the first poll learns where "now" is (it subscribed before).
        expect(events.map((e) => e.type)).to.deep.equal(['reset', 'message-added', 'case-changed']);
      } finally {
        stop();
      }
    });
  });
}
