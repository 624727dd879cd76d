/**
 * GET /cases answers stored case JSON as text (routes/case-page.ts) instead of parsing each case and
 * serializing the page. Its answer must be, byte for byte, what the parsed path answered: the
 * store's `listCases` (parsed cases), each case as the viewer may see it (case-routes' `shownTo`:
 * the addresses of the people copied only for the requester, each person their own, and agents), the
 * files module's preSerialization hook signing every attachment URL for this viewer, JSON.stringify.
 * That reference is built here in-process on a second connection to the same database with the
 * server's URL secret and clock, for every kind of viewer (requester, colleague copied, someone
 * copied from another company, supervisor, agent, a stranger; their URLs and redactions differ) and
 * every kind of list (column sorts, core's sorts and custom filters, keywords, status filters, views,
 * later pages), on a SQLite file and PostgreSQL, over HTTP.
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
import { shownTo } from '../src/routes/case-routes.js';
import { SqlStore } from '../src/store/sql-store.js';
import { call, DB_KINDS, startServer, testConfig, tokenFor, type Person, type RunningServer } from './support/server.js';

const URL_SECRET = 'case-page-test-url-secret';
// The server's clock, fixed so its signed URLs (expiry included) are the reference's.
const NOW = new Date();

const PEOPLE: Record<string, Person> = {
  ann: { sub: 'cp-ann', name: 'Ann', email: 'ann@acme.example', org: 'acme' },
  bob: { sub: 'cp-bob', name: 'Bob', email: 'bob@acme.example', org: 'acme' },
  cyd: { sub: 'cp-cyd', name: 'Cyd', email: 'cyd@globex.example', org: 'globex' },
  dee: { sub: 'cp-dee', name: 'Dee', email: 'dee@initech.example', org: 'initech' },
  sue: { sub: 'cp-sue', name: 'Sue', email: 'sue@acme.example', org: 'acme', role: 'supervisor' },
  sam: { sub: 'cp-sam', name: 'Sam', email: 'sam@help.example', role: 'agent' },
};
/** The addresses of the people copied on Ann's cases (requesters' own addresses are no secret to their readers). */
const COPIED = ['bob@acme.example', 'dee@initech.example'];

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
    async function create(who: string, subject: string, files: number, copy: string[] = []): Promise<CaseRecord> {
      const attachmentIds = [];
      for (let i = 0; i < files; i++) attachmentIds.push((await upload(tokens[who]!, `${who}-${i}.txt`)).id);
      const participants = copy.map((p) => ({ email: PEOPLE[p]!.email! }));
      const res = await post('/cases', tokens[who]!, { subject, description: 'x', fields: { product: 'router-x200' }, ...(files ? { attachmentIds } : {}), ...(copy.length ? { participants } : {}) });
      expect(res.status, await res.clone().text()).to.equal(201);
      return (await res.json()) as CaseRecord;
    }

    before(async () => {
      server = await startServer(kind, { fileUrls: { secret: URL_SECRET, ttlSeconds: DEFAULT_URL_TTL_SECONDS } }, { now: () => NOW });
      db = openDatabase(server.databaseUrl!);
      store = new SqlStore({ database: db, schema, scopes: testConfig().scopes });
      for (const [name, p] of Object.entries(PEOPLE)) {
        tokens[name] = await tokenFor(p);
        // Signed in once, so that they can be copied by address.
        expect((await call(server, '/me', { token: tokens[name] })).status).to.equal(200);
      }
      // Ann copies a colleague and someone of another company: on a case with files (URLs to sign
      // and addresses to hide in one text) and on one without.
      await create('ann', 'Printer jams with two files', 2, ['bob', 'dee']);
      await create('ann', 'No files here', 0, ['bob', 'dee']);
      await create('ann', 'Only Dee is copied on this one', 0, ['dee']);
      // Text that looks like a list of people copied but is none: parsed for redaction, left as it is.
      await create('ann', 'Subject with "contacts":[{"id":"x","email":"x@x.example"}] in it', 0);
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
    async function reference(who: string, params: URLSearchParams): Promise<{ text: string; signed: boolean; redacted: boolean }> {
      const p = PEOPLE[who]!;
      const role = p.role ?? 'customer';
      const person = await store.personFromClaims(TENANT, { sub: p.sub, name: p.name, email: p.email ?? null, org: p.org ?? null, role });
      const caller: Caller = { principal: person.principal, viewer: viewerOf({ id: person.principal.personId, name: person.name, email: person.email, account: person.account }, role, schema) };
      const query: CaseQuery = decodeCaseQuery(params, Object.fromEntries(schema.fields.map((f) => [f.key, f.type])));
      const limit = Math.min(query.limit ?? schema.limits.pageSize, 200);
      const listed = await store.listCases(caller, query, limit);
      // What main's route did before the hook: each case as this viewer may see it.
      const page = { ...listed, items: listed.items.map((c) => shownTo(caller, c)) };
      const signed = withSignedUrls(page, (id) => urls.url(caller.principal, id));
      return { text: JSON.stringify(signed), signed: signed !== page, redacted: page.items.some((c, i) => c !== listed.items[i]) };
    }

    const LISTS: [string, Record<string, string | string[]>][] = [
      ['ann', {}],
      ['ann', { sort: 'number:asc', limit: '2' }],
      ['ann', { q: 'printer' }],
      // Only the case whose text holds "attachments/" but no URL: parsed, unchanged, no no-store.
      ['ann', { q: 'share' }],
      ['ann', { sort: 'subject:asc' }],
      ['ann', { q: 'contacts' }],
      ['bob', { 'f.product': 'router-x200' }],
      ['bob', {}],
      ['bob', { view: 'linked' }],
      ['bob', { view: 'linked', q: 'files' }],
      ['bob', { sort: 'subject:asc', limit: '3' }],
      ['dee', {}],
      ['dee', { view: 'linked', sort: 'number:asc' }],
      ['sue', {}],
      ['sue', { q: 'files' }],
      ['sue', { view: 'account', sort: 'subject:desc' }],
      ['sue', { view: 'account' }],
      ['sue', { view: 'account', status: ['new', 'resolved'] }],
      ['sue', { view: 'account', sort: 'updatedAt:desc', limit: '3' }],
      ['cyd', {}],
      ['sam', {}],
      ['sam', { q: 'files' }],
      ['sam', { category: 'resolved' }],
    ];

    it('answers every list exactly as the parsed path did: same bytes, URLs signed for each viewer, same cache headers', async () => {
      const seen = { signed: 0, unsigned: 0, redacted: 0, redactedAndSigned: 0 };
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
          if (want.redacted) seen.redacted++;
          if (want.redacted && want.signed) seen.redactedAndSigned++;
          const next = (JSON.parse(text) as Page<CaseRecord>).nextCursor;
          if (!next) break;
          params.set('cursor', next);
        }
      }
      // Both kinds of answer were compared: pages with URLs to sign and pages without.
      expect(seen.signed).to.be.at.least(5);
      expect(seen.unsigned).to.be.at.least(3);
      // And pages with addresses hidden from the viewer, some of them with URLs signed too.
      expect(seen.redacted).to.be.at.least(6);
      expect(seen.redactedAndSigned).to.be.at.least(3);
    });

    it('shows the addresses of the people copied to the requester, each person their own, and agents; names alone to everyone else, when listing, searching and getting', async () => {
      type Shown = CaseRecord & { contacts: { id: string; name: string; email?: string }[] };
      const texts = async (who: string) => {
        const out: string[] = [];
        for (const path of ['/cases?limit=50', '/cases?view=linked', '/cases?view=account', '/cases?q=files', '/cases?q=copied', '/cases?sort=subject:asc', '/cases?f.product=router-x200']) {
          const res = await call(server, path, { token: tokens[who]! });
          // A view a viewer does not have is refused, which shows nothing either.
          if (res.status !== 200) continue;
          out.push(await res.text());
        }
        return out;
      };
      const annCases = ((await (await call(server, '/cases?q=copied', { token: tokens.ann! })).json()) as Page<Shown>).items;
      const both = ((await (await call(server, '/cases?q=files', { token: tokens.ann! })).json()) as Page<Shown>).items.filter((c) => c.contacts.length);
      expect(annCases).to.have.length(1);
      expect(both.map((c) => c.subject).sort()).to.deep.equal(['No files here', 'Printer jams with two files']);
      const one = (await (await call(server, '/cases?q=two+files', { token: tokens.ann! })).json()) as Page<Shown>;
      const ids = Object.fromEntries(one.items[0]!.contacts.map((p) => [p.name, p.id]));
      const byName = (c: Shown) => Object.fromEntries(c.contacts.map((p) => [p.name, p.email ?? null]));

      // Whoever gets the case, by list, search or id, sees the addresses their role allows.
      const expected: Record<string, Record<string, string | null>> = {
        ann: { Bob: 'bob@acme.example', Dee: 'dee@initech.example' },
        sam: { Bob: 'bob@acme.example', Dee: 'dee@initech.example' },
        bob: { Bob: 'bob@acme.example', Dee: null },
        dee: { Bob: null, Dee: 'dee@initech.example' },
        sue: { Bob: null, Dee: null },
      };
      for (const [who, want] of Object.entries(expected)) {
        const seenIn = { list: 0, search: 0, get: 0 };
        for (const [how, path] of [
          ['list', '/cases?limit=50'],
          ['search', '/cases?q=files'],
        ] as const) {
          const page = (await (await call(server, path, { token: tokens[who]! })).json()) as Page<Shown>;
          for (const c of page.items.filter((x) => x.contacts.length === 2)) {
            expect(byName(c), `${who} ${how} ${c.subject}`).to.deep.equal(want);
            seenIn[how]++;
            const res = await call(server, `/cases/${c.id}`, { token: tokens[who]! });
            expect(byName((await res.json()) as Shown), `${who} get ${c.subject}`).to.deep.equal(want);
            seenIn.get++;
          }
        }
        // Both cases that copy Bob and Dee, in the list and the search, and each by id.
        expect(seenIn, who).to.deep.equal({ list: 2, search: 2, get: 4 });
      }
      // The names (and ids) stay for everyone who reads the case.
      for (const who of ['bob', 'dee', 'sue']) {
        const c = ((await (await call(server, '/cases?q=two+files', { token: tokens[who]! })).json()) as Page<Shown>).items[0]!;
        expect(c.contacts.map((p) => [p.id, p.name]), who).to.deep.equal([
          [ids.Bob, 'Bob'],
          [ids.Dee, 'Dee'],
        ]);
      }
      // No answer holds an address its viewer may not see: Dee is only ever copied (her address is in
      // no requester field), Bob's own cases show his address as their requester's, so for the
      // supervisor every contact of every listed case is checked too.
      const hidden: Record<string, string[]> = { sue: ['dee@initech.example'], cyd: COPIED, bob: ['dee@initech.example'], dee: ['bob@acme.example'] };
      for (const [who, addresses] of Object.entries(hidden)) {
        for (const text of await texts(who)) for (const a of addresses) expect(text, who).to.not.include(a);
      }
      let contactsSeen = 0;
      for (const text of await texts('sue')) {
        for (const c of (JSON.parse(text) as Page<Shown>).items) {
          for (const p of c.contacts) {
            expect(p, `sue: ${c.subject}`).to.not.have.property('email');
            contactsSeen++;
          }
        }
      }
      expect(contactsSeen).to.be.greaterThan(4);
      // While the requester's and the agent's lists do hold them.
      for (const who of ['ann', 'sam']) expect((await texts(who)).join('')).to.include(COPIED[0]).and.to.include(COPIED[1]);
      // Redacting is for the way out only: the stored case keeps every address.
      const stored = await db.db.selectFrom('cases').select('doc').where('id', '=', one.items[0]!.id).executeTakeFirstOrThrow();
      for (const a of COPIED) expect(stored.doc).to.include(a);
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
