/**
 * GET /cases answers stored case JSON as text (routes/case-page.ts) instead of parsing each case and
 * serializing the page. Its answer must be, byte for byte, what the parsed path answered: the
 * store's `listCases` (parsed cases), the files module's preSerialization hook signing every
 * attachment URL for this viewer, JSON.stringify. That reference is built here in-process on a
 * second connection to the same database with the server's URL secret and clock, for several
 * viewers (whose signed URLs differ) and every kind of list (column sorts, core's sorts and custom
 * filters, keywords, status filters, later pages), on a SQLite file and PostgreSQL, over HTTP.
 */
import type { Attachment, CaseQuery, CaseRecord, Page } from '@case-portal/core';
import { decodeCaseQuery } from '@case-portal/core';
import { expect } from 'chai';
import { TENANT } from '../src/auth/authenticate.js';
import { viewerOf } from '../src/auth/viewer.js';
import type { Caller } from '../src/backend/types.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { DEFAULT_URL_TTL_SECONDS } from '../src/files/files-module.js';
import { DownloadUrls, withSignedUrls } from '../src/files/signed-urls.js';
import { SqlStore } from '../src/store/sql-store.js';
import { call, DB_KINDS, startServer, testConfig, tokenFor, type Person, type RunningServer } from './support/server.js';

const URL_SECRET = 'case-page-test-url-secret';
// The server's clock, fixed so its signed URLs (expiry included) are the reference's.
const NOW = new Date();

const PEOPLE: Record<string, Person> = {
  ann: { sub: 'cp-ann', name: 'Ann', org: 'acme' },
  bob: { sub: 'cp-bob', name: 'Bob', org: 'acme' },
  cyd: { sub: 'cp-cyd', name: 'Cyd', org: 'globex' },
  sue: { sub: 'cp-sue', name: 'Sue', org: 'acme', role: 'supervisor' },
  sam: { sub: 'cp-sam', name: 'Sam', role: 'agent' },
};

for (const kind of DB_KINDS) {
  describe(`GET /cases as stored text on ${kind}`, function () {
    this.timeout(60_000);
    let server: RunningServer;
    let db: Database;
    let store: SqlStore;
    const schema = testConfig().portal;
    const urls = new DownloadUrls(Buffer.from(URL_SECRET, 'utf8'), DEFAULT_URL_TTL_SECONDS, () => NOW);
    const tokens: Record<string, string> = {};

    const post = (path: string, token: string, body: unknown) => call(server, path, { method: 'POST', token, body: JSON.stringify(body) });
    async function upload(token: string, name: string): Promise<Attachment> {
      const form = new FormData();
      form.append('file', new Blob([`bytes of ${name}`], { type: 'text/plain' }), name);
      const res = await fetch(`${server.url}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
      expect(res.status).to.equal(201);
      return (await res.json()) as Attachment;
    }
    async function create(who: string, subject: string, files: number): Promise<CaseRecord> {
      const attachmentIds = [];
      for (let i = 0; i < files; i++) attachmentIds.push((await upload(tokens[who]!, `${who}-${i}.txt`)).id);
      const res = await post('/cases', tokens[who]!, { subject, description: 'x', fields: { product: 'router-x200' }, ...(files ? { attachmentIds } : {}) });
      expect(res.status, await res.clone().text()).to.equal(201);
      return (await res.json()) as CaseRecord;
    }

    before(async () => {
      server = await startServer(kind, { fileUrls: { secret: URL_SECRET, ttlSeconds: DEFAULT_URL_TTL_SECONDS } }, { now: () => NOW });
      db = openDatabase(server.databaseUrl!);
      store = new SqlStore({ database: db, schema, scopes: testConfig().scopes });
      for (const [name, p] of Object.entries(PEOPLE)) tokens[name] = await tokenFor(p);
      await create('ann', 'Printer jams with two files', 2);
      await create('ann', 'No files here', 0);
      // Text that looks like a stored URL but is none: parsed for signing, left as it is.
      await create('ann', 'Logs are in attachments/ on the share', 0);
      await create('bob', 'Bob attached one', 1);
      await create('bob', 'Bob has nothing attached', 0);
      await create('cyd', 'Globex printer', 1);
      const moved = await create('bob', 'Resolved without files', 0);
      expect((await post(`/agent/cases/${moved.id}/status`, tokens.sam!, { status: 'resolved' })).status).to.equal(200);
    });
    after(async () => {
      await db.db.destroy();
      await server.close();
    });

    /** The parsed path's answer: listCases, URLs signed for the viewer by the hook's function, JSON.stringify; and whether the hook would have set no-store. */
    async function reference(who: string, params: URLSearchParams): Promise<{ text: string; signed: boolean }> {
      const p = PEOPLE[who]!;
      const role = p.role ?? 'customer';
      const person = await store.personFromClaims(TENANT, { sub: p.sub, name: p.name, email: p.email ?? null, org: p.org ?? null, role });
      const caller: Caller = { principal: person.principal, viewer: viewerOf({ id: person.principal.personId, name: person.name, email: person.email, account: person.account }, role, schema) };
      const query: CaseQuery = decodeCaseQuery(params, Object.fromEntries(schema.fields.map((f) => [f.key, f.type])));
      const limit = Math.min(query.limit ?? schema.limits.pageSize, 200);
      const page = await store.listCases(caller, query, limit);
      const signed = withSignedUrls(page, (id) => urls.url(caller.principal, id));
      return { text: JSON.stringify(signed), signed: signed !== page };
    }

    const LISTS: [string, Record<string, string | string[]>][] = [
      ['ann', {}],
      ['ann', { sort: 'number:asc', limit: '2' }],
      ['ann', { q: 'printer' }],
      // Only the case whose text holds "attachments/" but no URL: parsed, unchanged, no no-store.
      ['ann', { q: 'share' }],
      ['ann', { sort: 'subject:asc' }],
      ['bob', { 'f.product': 'router-x200' }],
      ['sue', {}],
      ['sue', { view: 'account' }],
      ['sue', { view: 'account', status: ['new', 'resolved'] }],
      ['sue', { view: 'account', sort: 'updatedAt:desc', limit: '3' }],
      ['cyd', {}],
      ['sam', {}],
      ['sam', { category: 'resolved' }],
    ];

    it('answers every list exactly as the parsed path did: same bytes, URLs signed for each viewer, same cache headers', async () => {
      const seen = { signed: 0, unsigned: 0 };
      for (const [who, query] of LISTS) {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) params.append(k, one);
        // Each list's first page and, when there is one, its next.
        for (let pageNo = 0; pageNo < 2; pageNo++) {
          const res = await call(server, `/cases?${params}`, { token: tokens[who]! });
          const text = await res.text();
          expect(res.status, text).to.equal(200);
          const want = await reference(who, params);
          expect(text, `${who} ${params}`).to.equal(want.text);
          expect(res.headers.get('content-type')).to.equal('application/json; charset=utf-8');
          expect(res.headers.get('cache-control'), `${who} ${params}`).to.equal(want.signed ? 'private, no-store' : null);
          seen[want.signed ? 'signed' : 'unsigned']++;
          const next = (JSON.parse(text) as Page<CaseRecord>).nextCursor;
          if (!next) break;
          params.set('cursor', next);
        }
      }
      // Both kinds of answer were compared: pages with URLs to sign and pages without.
      expect(seen.signed).to.be.at.least(5);
      expect(seen.unsigned).to.be.at.least(3);
    });

    it('signs the same case for each viewer on its own: links that download for that viewer', async () => {
      const listed = async (who: string, query: string) => ((await (await call(server, `/cases?${query}`, { token: tokens[who]! })).json()) as Page<CaseRecord>).items;
      const annCase = (await listed('ann', 'q=two+files'))[0]!;
      const sueCase = (await listed('sue', 'view=account&q=two+files'))[0]!;
      const agentCase = (await listed('sam', 'q=two+files'))[0]!;
      expect(annCase.id).to.equal(sueCase.id).and.to.equal(agentCase.id);
      expect(annCase.attachments).to.have.length(2);
      const viewers = await db.db.selectFrom('people').select(['id', 'sub']).execute();
      const idOf = (who: string) => viewers.find((v) => v.sub === PEOPLE[who]!.sub)!.id;
      for (const [who, c] of [
        ['ann', annCase],
        ['sue', sueCase],
        ['sam', agentCase],
      ] as const) {
        for (const a of c.attachments) {
          expect(new URL(a.url, 'http://x/').searchParams.get('p'), who).to.equal(idOf(who));
          const got = await fetch(`${server.url}/${a.url}`);
          expect(got.status).to.equal(200);
          expect(await got.text()).to.equal(`bytes of ${a.name}`);
        }
      }
      expect(annCase.attachments[0]!.url).to.not.equal(sueCase.attachments[0]!.url);
      // The single case's route (parsed, signed by the hook) gives each viewer the same URLs as the list.
      for (const [who, c] of [
        ['ann', annCase],
        ['sue', sueCase],
      ] as const) {
        const one = (await (await call(server, `/cases/${c.id}`, { token: tokens[who]! })).json()) as CaseRecord;
        expect(one.attachments.map((a) => a.url)).to.deep.equal(c.attachments.map((a) => a.url));
      }
    });
  });
}
