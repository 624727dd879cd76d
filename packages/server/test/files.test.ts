/**
 * Attachments over real HTTP: every database kind with both blob stores. Uploads go in as the
 * browser (FormData) or as a hostile client would send them (raw multipart, an endless body);
 * downloads come back through the signed URL exactly as a link click fetches it (no token).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoSchema } from '@case-portal/adapter-memory';
import { expect } from 'chai';
import { DownloadUrls } from '../src/files/signed-urls.js';
import { buildApp, openDatabase, type Database } from '../src/index.js';
import { DB_KINDS, freshDatabaseUrl, testConfig, tokenFor, type DbKind, type Person } from './support/server.js';

const MAX = 1024 * 1024;
const URL_SECRET = 'a-download-url-secret-of-32-bytes-or-more';
const HOUR = 3_600_000;
type Store = 'db' | 'fs';

const alex: Person = { sub: 'files-alex', name: 'Alex Morgan', org: 'acme' };
const blair: Person = { sub: 'files-blair', name: 'Blair Chen', org: 'globex' };
const sam: Person = { sub: 'files-sam', name: 'Sam Reyes', org: 'acme' };
const supervisor: Person = { sub: 'files-sup', name: 'Dana Supervisor', org: 'acme', role: 'supervisor' };

const newCase = { subject: 'Router X500 keeps rebooting', description: 'Logs attached.', fields: { product: 'router-x200' } };

/** A database and a folder that outlive one server, so a restart finds what the last one left. */
interface Place {
  dbUrl: string;
  root: string;
  drop(): Promise<void>;
}

interface FilesServer {
  url: string;
  db: Database;
  /** The fs store's folder (not created until the first upload). */
  folder: string;
  close(): Promise<void>;
}

async function freshPlace(kind: DbKind): Promise<Place> {
  const fresh = await freshDatabaseUrl(kind);
  const root = mkdtempSync(join(tmpdir(), 'case-files-'));
  return {
    dbUrl: fresh.url,
    root,
    drop: async () => {
      await fresh.drop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

async function start(place: Place, store: Store, options: { now?: () => Date; sweepEveryMs?: number } = {}): Promise<FilesServer> {
  const db = openDatabase(place.dbUrl);
  const folder = join(place.root, 'blobs');
  const portal = structuredClone(demoSchema);
  // The demo list plus SVG, to show an allowed active type still never renders.
  portal.limits = { ...portal.limits, maxAttachmentBytes: MAX, allowedTypes: [...portal.limits.allowedTypes, '.svg'] };
  const config = testConfig({ database: place.dbUrl, files: store === 'db' ? 'db' : `fs:${folder}`, fileUrls: { secret: URL_SECRET, ttlSeconds: 3600 }, portal });
  const app = await buildApp(config, { logger: false, database: db, checkResponses: 'fail', ...options });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    db,
    folder,
    close: async () => {
      await app.close();
      await db.db.destroy();
    },
  };
}

async function storage(s: FilesServer) {
  const count = async (table: 'attachments' | 'blobs' | 'blob_chunks') =>
    Number((await s.db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  let files: string[] = [];
  try {
    files = readdirSync(s.folder);
  } catch {
    // Not created yet: nothing stored.
  }
  return { attachments: await count('attachments'), blobs: await count('blobs'), chunks: await count('blob_chunks'), files: files.length };
}

interface Attachment {
  id: string;
  name: string;
  size: number;
  type: string;
  url: string;
  createdAt: string;
}

const bearer = (token: string | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

function upload(s: FilesServer, token: string, file: { name: string; type: string; bytes: Uint8Array | string }, key?: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([file.bytes as BlobPart], { type: file.type }), file.name);
  return fetch(`${s.url}/attachments`, { method: 'POST', body: form, headers: { ...bearer(token), ...(key ? { 'idempotency-key': key } : {}) } });
}

/** Multipart written by hand, for what FormData would clean up first (control characters in a name). */
function rawUpload(s: FilesServer, token: string, filename: string, type: string, bytes: Buffer, field = 'file'): Promise<Response> {
  const boundary = `----case${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`, 'utf8');
  const body = Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return fetch(`${s.url}/attachments`, { method: 'POST', body, headers: { ...bearer(token), 'content-type': `multipart/form-data; boundary=${boundary}` } });
}

const download = (s: FilesServer, url: string, token?: string) => fetch(new URL(url, `${s.url}/`), { headers: bearer(token) });

function json(s: FilesServer, path: string, token: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  return fetch(`${s.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...bearer(token), ...(init.body !== undefined ? { 'content-type': 'application/json', 'idempotency-key': randomBytes(8).toString('hex') } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : null,
  });
}

async function uploaded(s: FilesServer, token: string, name: string, type: string, bytes: Uint8Array | string): Promise<Attachment> {
  const res = await upload(s, token, { name, type, bytes });
  expect(res.status, `upload ${name}: ${await res.clone().text()}`).to.equal(201);
  return (await res.json()) as Attachment;
}

async function expectNotFound(res: Response, what: string) {
  expect(res.status, what).to.equal(404);
  expect(await res.json(), what).to.deep.equal({ error: { code: 'not_found', message: 'Not found.' } });
}

const query = (url: string) => Object.fromEntries(new URL(url, 'http://x/').searchParams);

async function waitFor(check: () => Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

for (const kind of DB_KINDS) {
  for (const store of ['db', 'fs'] as const) {
    describe(`attachments on ${kind}, bytes in ${store === 'db' ? 'the database' : 'a folder'}`, function () {
      this.timeout(30_000);
      let place: Place;
      let s: FilesServer;
      let alexToken: string;
      let blairToken: string;
      const urls = new DownloadUrls(new TextEncoder().encode(URL_SECRET), 3600);
      const personId = async (token: string) => ((await (await json(s, '/me', token)).json()) as { id: string }).id;

      before(async () => {
        place = await freshPlace(kind);
        s = await start(place, store);
        alexToken = await tokenFor(alex);
        blairToken = await tokenFor(blair);
      });
      after(async () => {
        await s.close();
        await place.drop();
      });

      it('uploads, attaches to a case and to a message, and downloads both back byte-exact with safe headers', async () => {
        const pdf = randomBytes(700 * 1024);
        const res = await upload(s, alexToken, { name: 'Rechnung März (1).pdf', type: 'application/pdf', bytes: pdf });
        expect(res.status).to.equal(201);
        expect(res.headers.get('cache-control')).to.equal('private, no-store');
        const a = (await res.json()) as Attachment;
        expect(a).to.include({ name: 'Rechnung März (1).pdf', size: pdf.length, type: 'application/pdf' });
        expect(a.url).to.match(new RegExp(`^attachments/${a.id}/content\\?t=default&p=p_[0-9a-f]+&exp=\\d+&sig=[A-Za-z0-9_-]{43}$`));
        if (store === 'fs') expect(readdirSync(s.folder)).to.have.length(1);

        const created = await json(s, '/cases', alexToken, { method: 'POST', body: { ...newCase, attachmentIds: [a.id] } });
        expect(created.status).to.equal(201);
        const c = await created.json();
        expect(c.attachments.map((x: Attachment) => x.id)).to.deep.equal([a.id]);

        const got = await download(s, c.attachments[0].url);
        expect(got.status).to.equal(200);
        expect(Buffer.from(await got.arrayBuffer()).equals(pdf), 'byte-exact').to.equal(true);
        expect(got.headers.get('content-type')).to.equal('application/pdf');
        expect(got.headers.get('content-length')).to.equal(String(pdf.length));
        expect(got.headers.get('content-disposition')).to.equal(`attachment; filename="Rechnung Marz (1).pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz%20%281%29.pdf`);
        expect(got.headers.get('x-content-type-options')).to.equal('nosniff');
        expect(got.headers.get('content-security-policy')).to.contain('sandbox');
        expect(got.headers.get('cache-control')).to.equal('private, no-store');

        const log = await uploaded(s, alexToken, 'router.log', '', 'boot loop at 02:00\n');
        expect(log.type).to.equal('text/plain');
        const posted = await json(s, `/cases/${c.id}/messages`, alexToken, { method: 'POST', body: { body: 'The log.', attachmentIds: [log.id] } });
        expect(posted.status).to.equal(201);
        const m = await posted.json();
        expect(m.attachments.map((x: Attachment) => x.name)).to.deep.equal(['router.log']);
        const text = await download(s, m.attachments[0].url);
        expect(await text.text()).to.equal('boot loop at 02:00\n');
        expect(text.headers.get('content-type')).to.equal('text/plain');

        // Every answer that carries the files carries URLs signed for its reader.
        const files = await (await json(s, `/cases/${c.id}/files`, alexToken)).json();
        expect(files.items.map((f: Attachment & { messageId?: string }) => [f.name, f.messageId ?? null])).to.deep.equal([
          ['Rechnung März (1).pdf', null],
          ['router.log', m.id],
        ]);
        const page = await (await json(s, `/cases/${c.id}/messages`, alexToken)).json();
        const list = await (await json(s, '/cases', alexToken)).json();
        for (const url of [...files.items.map((f: Attachment) => f.url), page.items.at(-1).attachments[0].url, list.items[0].attachments[0].url]) {
          expect(query(url).sig, url).to.match(/^[A-Za-z0-9_-]{43}$/);
          expect((await download(s, url)).status, url).to.equal(200);
        }
      });

      it('never renders an active type: an allowed SVG downloads as plain bytes, as an attachment, sandboxed', async () => {
        const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>';
        const a = await uploaded(s, alexToken, 'logo.svg', 'image/svg+xml', svg);
        expect(a.type).to.equal('image/svg+xml');
        const got = await download(s, a.url);
        expect(got.status).to.equal(200);
        expect(got.headers.get('content-type')).to.equal('application/octet-stream');
        expect(got.headers.get('content-disposition')).to.match(/^attachment; /);
        expect(got.headers.get('content-security-policy')).to.contain('sandbox');
        expect(await got.text()).to.equal(svg);
      });

      it('refuses an oversize file while it streams, even from a client that skips its own check, and keeps nothing', async () => {
        const before = await storage(s);
        // An endless body: only a server that counts while it reads can answer at all.
        const boundary = `----case${randomBytes(8).toString('hex')}`;
        const head = new TextEncoder().encode(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
        let sent = 0;
        let answered = false;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            // Ends only once the answer is in (or at 256 MB, so a server that waits for the end fails the test instead of the machine).
            if (answered || sent >= 256 * MAX) return controller.close();
            if (sent === 0) controller.enqueue(head);
            controller.enqueue(new Uint8Array(64 * 1024));
            sent += 64 * 1024;
          },
        });
        const res = await fetch(`${s.url}/attachments`, {
          method: 'POST',
          body,
          headers: { ...bearer(alexToken), 'content-type': `multipart/form-data; boundary=${boundary}`, 'idempotency-key': 'huge-1' },
          duplex: 'half',
        } as RequestInit);
        answered = true;
        expect(res.status).to.equal(413);
        expect(await res.json()).to.deep.include({ error: { code: 'too_large', message: `The file is larger than ${MAX} bytes.` } });
        // The server discards what still arrives after its answer (so the client can read it): the
        // count says only that the answer came before the body's end.
        expect(sent, 'answered before the body ended').to.be.below(256 * MAX);
        await waitFor(async () => JSON.stringify(await storage(s)) === JSON.stringify(before), 'storage back to where it was');

        // A whole oversize file from FormData, and the refusal did not burn the key: a retry of a fitting file works.
        const big = await upload(s, alexToken, { name: 'big.pdf', type: 'application/pdf', bytes: new Uint8Array(MAX + 1) });
        expect(big.status).to.equal(413);
        expect(JSON.stringify(await storage(s))).to.equal(JSON.stringify(before));
        const fits = await upload(s, alexToken, { name: 'fits.pdf', type: 'application/pdf', bytes: new Uint8Array(MAX) }, 'huge-1');
        expect(fits.status).to.equal(201);
        expect(((await fits.json()) as Attachment).size).to.equal(MAX);
      });

      it('refuses a type the list does not allow, or one that disagrees with the extension, before storing a byte', async () => {
        const before = await storage(s);
        const cases: [string, string][] = [
          ['page.html', 'text/html'],
          ['notes.txt', 'text/html'],
          ['photo.png', 'application/pdf'],
          ['setup.exe', 'application/x-msdownload'],
          ['README', 'text/plain'],
        ];
        for (const [name, type] of cases) {
          const res = await upload(s, alexToken, { name, type, bytes: 'x' });
          expect(res.status, `${name} as ${type}`).to.equal(415);
          const body = await res.json();
          expect(body.error.code).to.equal('unsupported_type');
          expect(body.fieldErrors).to.deep.equal({ file: 'Type not allowed.' });
        }
        const notMultipart = await json(s, '/attachments', alexToken, { method: 'POST', body: { file: 'x' } });
        expect(notMultipart.status).to.equal(415);
        const wrongField = await rawUpload(s, alexToken, 'a.txt', 'text/plain', Buffer.from('x'), 'upload');
        expect(wrongField.status).to.equal(422);
        expect((await wrongField.json()).fieldErrors).to.deep.equal({ file: 'Required.' });
        expect(JSON.stringify(await storage(s))).to.equal(JSON.stringify(before));

        // Stored and served as the allow-list's type, not the browser's.
        const csv = await uploaded(s, alexToken, 'export.csv', 'application/vnd.ms-excel', 'a,b\n1,2\n');
        expect(csv.type).to.equal('text/csv');
        expect((await download(s, csv.url)).headers.get('content-type')).to.equal('text/csv');
      });

      it('turns hostile file names into safe display names that keep the extension', async () => {
        const names: [string, string][] = [
          ['../../etc/passwd.txt', 'passwd.txt'],
          ['..\\..\\boot.txt', 'boot.txt'],
          ['invoice\u202Efdp.txt', 'invoicefdp.txt'],
          ['bell\u0007\u0001\u007f.txt', 'bell.txt'],
          [`${'a'.repeat(300)}.txt`, `${'a'.repeat(116)}.txt`],
          ['.txt', 'file.txt'],
          ['über “quotes” 😀.txt', 'über “quotes” 😀.txt'],
        ];
        for (const [raw, safe] of names) {
          const res = await rawUpload(s, alexToken, raw, 'text/plain', Buffer.from('x'));
          expect(res.status, JSON.stringify(raw)).to.equal(201);
          const a = (await res.json()) as Attachment;
          expect(a.name, JSON.stringify(raw)).to.equal(safe);
          const got = await download(s, a.url);
          expect(got.headers.get('content-disposition'), JSON.stringify(raw)).to.match(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+\-.^_`|~]+$/);
        }
        // No name at all leaves nothing to tell the type by: refused like any name without an extension.
        const empty = await rawUpload(s, alexToken, '', 'text/plain', Buffer.from('x'));
        expect(empty.status).to.equal(415);
        if (store === 'fs') for (const f of readdirSync(s.folder)) expect(f).to.match(/^[0-9a-f]{32}$/);
      });

      it('answers a retried upload under the same Idempotency-Key with the same attachment, never a second file', async () => {
        const bytes = randomBytes(300 * 1024);
        const file = { name: 'capture.zip', type: 'application/zip', bytes };
        const first = await upload(s, alexToken, file, 'upload-k1');
        expect(first.status).to.equal(201);
        const a = (await first.json()) as Attachment;
        const after = await storage(s);
        const retry = await upload(s, alexToken, file, 'upload-k1');
        expect(retry.status).to.equal(201);
        expect(retry.headers.get('idempotent-replayed')).to.equal('true');
        const again = (await retry.json()) as Attachment;
        expect(again.id).to.equal(a.id);
        expect(query(again.url).sig).to.match(/^[A-Za-z0-9_-]{43}$/);
        expect(JSON.stringify(await storage(s))).to.equal(JSON.stringify(after));
        // Another file under the key is a client bug, said plainly.
        const other = await upload(s, alexToken, { ...file, bytes: randomBytes(10) }, 'upload-k1');
        expect(other.status).to.equal(422);
        expect((await other.json()).fieldErrors).to.have.property('Idempotency-Key');
        expect((await upload(s, alexToken, { ...file, name: 'renamed.zip' }, 'upload-k1')).status).to.equal(422);
        expect(JSON.stringify(await storage(s))).to.equal(JSON.stringify(after));
      });

      it('lets only the uploader claim an upload, once: anything else is a validation error on attachmentIds', async () => {
        const mine = await uploaded(s, alexToken, 'mine.txt', 'text/plain', 'mine');
        const spare = await uploaded(s, alexToken, 'spare.txt', 'text/plain', 'spare');
        const blairCases = (await (await json(s, '/cases', blairToken)).json()).total;

        const stolen = await json(s, '/cases', blairToken, { method: 'POST', body: { ...newCase, attachmentIds: [mine.id] } });
        expect(stolen.status).to.equal(422);
        expect((await stolen.json()).fieldErrors).to.have.property('attachmentIds');
        expect((await (await json(s, '/cases', blairToken)).json()).total, 'no case made').to.equal(blairCases);
        const unknown = await json(s, '/cases', alexToken, { method: 'POST', body: { ...newCase, attachmentIds: ['f_0123456789abcdef0123456789abcdef'] } });
        expect(unknown.status).to.equal(422);

        // All or nothing: a refused list leaves its good ids unclaimed.
        const mixed = await json(s, '/cases', alexToken, { method: 'POST', body: { ...newCase, attachmentIds: [spare.id, 'f_nope'] } });
        expect(mixed.status).to.equal(422);
        const c = await (await json(s, '/cases', alexToken, { method: 'POST', body: { ...newCase, attachmentIds: [mine.id, spare.id] } })).json();
        expect(c.attachments.map((x: Attachment) => x.id)).to.deep.equal([mine.id, spare.id]);

        const twiceCase = await json(s, '/cases', alexToken, { method: 'POST', body: { ...newCase, attachmentIds: [mine.id] } });
        expect(twiceCase.status).to.equal(422);
        expect((await twiceCase.json()).fieldErrors.attachmentIds).to.contain('already attached');
        const twiceMessage = await json(s, `/cases/${c.id}/messages`, alexToken, { method: 'POST', body: { body: 'again', attachmentIds: [mine.id] } });
        expect(twiceMessage.status).to.equal(422);
        const twiceFiles = await json(s, `/cases/${c.id}/files`, alexToken, { method: 'POST', body: { attachmentIds: [spare.id] } });
        expect(twiceFiles.status).to.equal(422);
        const page = await (await json(s, `/cases/${c.id}/messages`, alexToken)).json();
        expect(page.items.filter((m: { body: string }) => m.body === 'again')).to.have.length(0);

        // Racing writes for one upload: exactly one claims it (PostgreSQL re-checks after the first commits).
        const contested = await uploaded(s, alexToken, 'contested.txt', 'text/plain', 'one owner');
        const racing = await Promise.all(Array.from({ length: 8 }, () => json(s, '/cases', alexToken, { method: 'POST', body: { ...newCase, attachmentIds: [contested.id] } })));
        expect(racing.map((r) => r.status).sort()).to.deep.equal([201, 422, 422, 422, 422, 422, 422, 422]);

        // Adding files to the case itself claims them too.
        const late = await uploaded(s, alexToken, 'late.txt', 'text/plain', 'late');
        const added = await json(s, `/cases/${c.id}/files`, alexToken, { method: 'POST', body: { attachmentIds: [late.id] } });
        expect(added.status).to.equal(200);
        expect((await added.json()).attachments.map((x: Attachment) => x.name)).to.deep.equal(['mine.txt', 'spare.txt', 'late.txt']);
      });

      describe('who may download', () => {
        let file: Attachment;
        let caseId: string;
        let alexUrl: string;
        let alexId: string;
        let blairId: string;
        before(async () => {
          const a = await uploaded(s, alexToken, 'contract.pdf', 'application/pdf', 'alex only');
          const c = await (await json(s, '/cases', alexToken, { method: 'POST', body: { ...newCase, attachmentIds: [a.id] } })).json();
          caseId = c.id;
          file = c.attachments[0];
          alexUrl = file.url;
          alexId = await personId(alexToken);
          blairId = await personId(blairToken);
        });

        it('the reader, by link (no token) or with their own token', async () => {
          expect((await download(s, alexUrl)).status).to.equal(200);
          expect((await download(s, alexUrl, alexToken)).status).to.equal(200);
        });

        it('customer B gets 404 for A\'s file: by A\'s URL with B\'s token, with B\'s name in it, or signed for B', async () => {
          await expectNotFound(await download(s, alexUrl, blairToken), 'A\'s URL, B\'s token');
          const q = query(alexUrl);
          await expectNotFound(await download(s, `attachments/${file.id}/content?${new URLSearchParams({ ...q, p: blairId })}`), 'A\'s URL naming B');
          // Even a URL the server itself signed for B (as it would if B's answer carried the file) opens nothing: B may not read the case.
          await expectNotFound(await download(s, urls.url({ tenant: 'default', personId: blairId }, file.id)), 'signed for B');
          expect((await json(s, `/cases/${caseId}`, blairToken)).status, 'and the case itself').to.equal(404);
        });

        it('a guessed id, another id in a signed URL, a tampered or missing signature, or an expired URL is the same 404', async () => {
          const q = query(alexUrl);
          const guessed = `f_${randomBytes(16).toString('hex')}`;
          await expectNotFound(await download(s, urls.url({ tenant: 'default', personId: blairId }, guessed)), 'guessed id signed for B');
          await expectNotFound(await download(s, urls.url({ tenant: 'default', personId: alexId }, guessed)), 'guessed id signed for A');
          const other = await uploaded(s, alexToken, 'other.txt', 'text/plain', 'x');
          await expectNotFound(await download(s, `attachments/${other.id}/content?${new URLSearchParams(q)}`), 'another id');
          const sig = q.sig!;
          const flipped = (sig[10] === 'A' ? 'B' : 'A') + '';
          await expectNotFound(await download(s, `attachments/${file.id}/content?${new URLSearchParams({ ...q, sig: sig.slice(0, 10) + flipped + sig.slice(11) })}`), 'tampered');
          const { sig: _sig, ...unsigned } = q;
          await expectNotFound(await download(s, `attachments/${file.id}/content?${new URLSearchParams(unsigned)}`), 'unsigned');
          await expectNotFound(await download(s, `attachments/${file.id}/content`), 'bare');
          await expectNotFound(await download(s, `attachments/${file.id}/content?${new URLSearchParams({ ...q, exp: String(Number(q.exp) + 300) })}`), 'later expiry');
          const past = new DownloadUrls(new TextEncoder().encode(URL_SECRET), 60, () => new Date(Date.now() - 2 * HOUR));
          await expectNotFound(await download(s, past.url({ tenant: 'default', personId: alexId }, file.id)), 'expired');
        });

        it('an unclaimed upload opens for its uploader only', async () => {
          const loose = await uploaded(s, alexToken, 'draft.txt', 'text/plain', 'draft');
          expect((await download(s, loose.url)).status).to.equal(200);
          await expectNotFound(await download(s, urls.url({ tenant: 'default', personId: blairId }, loose.id)), 'signed for B');
        });

        it('a supervisor downloads their account\'s files and no other account\'s', async () => {
          const samToken = await tokenFor(sam);
          const supToken = await tokenFor(supervisor);
          const samFile = await uploaded(s, samToken, 'sam.txt', 'text/plain', 'from sam');
          const samCase = await (await json(s, '/cases', samToken, { method: 'POST', body: { ...newCase, attachmentIds: [samFile.id] } })).json();
          const seen = await (await json(s, `/cases/${samCase.id}`, supToken)).json();
          const supUrl = seen.attachments[0].url;
          expect(query(supUrl).p).to.equal(await personId(supToken));
          const got = await download(s, supUrl);
          expect(got.status).to.equal(200);
          expect(await got.text()).to.equal('from sam');

          const blairFile = await uploaded(s, blairToken, 'globex.txt', 'text/plain', 'globex only');
          await json(s, '/cases', blairToken, { method: 'POST', body: { ...newCase, attachmentIds: [blairFile.id] } });
          await expectNotFound(await download(s, urls.url({ tenant: 'default', personId: await personId(supToken) }, blairFile.id)), 'another account');
        });
      });
    });

    describe(`the orphan sweep on ${kind}, bytes in ${store === 'db' ? 'the database' : 'a folder'}`, function () {
      this.timeout(30_000);
      let place: Place;
      let clock: Date;
      const now = () => clock;
      before(async () => {
        place = await freshPlace(kind);
      });
      after(() => place.drop());

      const blobKeyOf = async (s: FilesServer, id: string) =>
        (await s.db.db.selectFrom('attachments').select('blob_key').where('id', '=', id).executeTakeFirst())?.blob_key ?? null;
      const bytesExist = async (s: FilesServer, key: string) =>
        store === 'db'
          ? (await s.db.db.selectFrom('blob_chunks').select('key').where('key', '=', key).executeTakeFirst()) !== undefined
          : readdirSync(s.folder).includes(key);

      it('deletes uploads nothing claimed within 24 h, row and bytes, and keeps claimed ones', async () => {
        clock = new Date();
        const s = await start(place, store, { now, sweepEveryMs: 40 });
        try {
          const token = await tokenFor(alex);
          const orphan = await uploaded(s, token, 'orphan.txt', 'text/plain', 'nobody claims me');
          const kept = await uploaded(s, token, 'kept.txt', 'text/plain', 'claimed');
          const c = await (await json(s, '/cases', token, { method: 'POST', body: { ...newCase, attachmentIds: [kept.id] } })).json();
          const orphanKey = (await blobKeyOf(s, orphan.id))!;
          expect(await bytesExist(s, orphanKey)).to.equal(true);

          clock = new Date(clock.getTime() + 23 * HOUR);
          await new Promise((r) => setTimeout(r, 200));
          expect(await blobKeyOf(s, orphan.id), 'still there at 23 h').to.equal(orphanKey);

          clock = new Date(clock.getTime() + 2 * HOUR);
          // The row goes first (a racing claim then finds nothing), the bytes right after.
          await waitFor(async () => (await blobKeyOf(s, orphan.id)) === null && !(await bytesExist(s, orphanKey)), 'the orphan swept, row and bytes');
          const fresh = await (await json(s, `/cases/${c.id}`, token)).json();
          const got = await download(s, fresh.attachments[0].url);
          expect(await got.text()).to.equal('claimed');
        } finally {
          await s.close();
        }
      });

      it('also sweeps at start', async () => {
        clock = new Date();
        const first = await start(place, store, { now, sweepEveryMs: HOUR });
        const orphan = await uploaded(first, await tokenFor(alex), 'left.txt', 'text/plain', 'left behind');
        const key = (await blobKeyOf(first, orphan.id))!;
        await first.close();
        clock = new Date(clock.getTime() + 25 * HOUR);
        const second = await start(place, store, { now, sweepEveryMs: HOUR });
        try {
          expect(await blobKeyOf(second, orphan.id)).to.equal(null);
          expect(await bytesExist(second, key)).to.equal(false);
        } finally {
          await second.close();
        }
      });
    });
  }
}
