/**
 * Files on the Zendesk connector over real HTTP: the case server → the connector → the strict fake
 * Zendesk (support/fake-zendesk.ts), the server's own database on SQLite and on PostgreSQL. Uploads
 * wait in the server's storage; the case or message that takes them sends each to Zendesk ("Upload
 * Files", then the comment's `uploads`); files are read back from the comments' attachments (public
 * comments only) and download through the server's own signed route, streamed from Zendesk.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { TENANT } from '../src/auth/authenticate.js';
import { DownloadUrls } from '../src/files/signed-urls.js';
import { call, DB_KINDS, tokenFor } from './support/server.js';
import { startZendeskServer, type ZendeskServer } from './support/zendesk-server.js';
import type { FakeUser } from './support/fake-zendesk.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const json = async (r: Response) => ({ status: r.status, body: (await r.json()) as Json });
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const SECRET = 'zendesk-files-test-secret-of-32-bytes-or-more';
const urls = new DownloadUrls(Buffer.from(SECRET, 'utf8'), 3600);

/** Bytes that are not text, so a change of encoding anywhere on the way would show. */
const binary = (n: number, seed: number): Uint8Array<ArrayBuffer> => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 7) % 256);

for (const kind of DB_KINDS) {
  describe(`Zendesk connector: files (server database: ${kind})`, function () {
    this.timeout(30_000);
    let s: ZendeskServer;
    let n = 0;
    before(async () => {
      s = await startZendeskServer({ kind, backend: { maxUploadBytes: 64 * 1024 }, config: { fileUrls: { secret: SECRET, ttlSeconds: 3600 } } });
    });
    after(() => s.close());

    /** A customer in Zendesk with a ticket of their own, and the host site's token for them. */
    function customer(tag: string): { user: FakeUser; ticket: number; token: () => Promise<string> } {
      const run = `${tag}-${++n}-${kind}`;
      const org = s.fake.addOrg({ name: `Org ${run}`, external_id: `org-${run}` });
      const user = s.fake.addUser({ name: `Person ${run}`, email: `${run}@acme.example`, organization_id: org.id });
      const ticket = s.fake.addTicket({ requester_id: user.id, subject: `Ticket of ${run}`, body: 'It broke.', status: 'open', at: Date.now() - 60_000 }).id;
      return { user, ticket, token: () => tokenFor({ sub: `sub-${run}`, name: `Person ${run}`, email: `${run}@acme.example`, org: `org-${run}` }) };
    }

    async function upload(token: string, name: string, type: string, bytes: Uint8Array<ArrayBuffer>): Promise<{ status: number; body: Json }> {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type }), name);
      return json(await fetch(`${s.url}/attachments`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } }));
    }

    const uploadsSent = (from: number) => s.fake.requests.slice(from).filter((r) => r === 'POST /api/v2/uploads');

    it('a reply with a file: the bytes reach Zendesk as an upload the comment carries, and download back through the portal’s link only', async () => {
      const alex = customer('reply');
      const token = await alex.token();
      const bytes = binary(5000, 1);
      const up = await upload(token, 'trace.pdf', 'application/pdf', bytes);
      expect(up.status).to.equal(201);
      const before = s.fake.requests.length;
      expect(uploadsSent(before), 'nothing goes to Zendesk until a message takes the file').to.deep.equal([]);

      const sent = await json(await call(s, `/cases/zt_${alex.ticket}/messages`, { token, method: 'POST', body: JSON.stringify({ body: 'The trace you asked for.', attachmentIds: [up.body.id] }) }));
      expect(sent.status).to.equal(201);
      expect(uploadsSent(before)).to.have.length(1);
      // Zendesk has the file on the customer's comment, byte for byte.
      const comment = s.fake.comments.get(alex.ticket)!.at(-1)!;
      expect(comment.body).to.equal('The trace you asked for.');
      expect(comment.author_id).to.equal(alex.user.id);
      const [held] = s.fake.attachmentsOf(comment);
      expect(held!.name).to.equal('trace.pdf');
      expect(held!.type).to.equal('application/pdf');
      expect(sha(held!.bytes)).to.equal(sha(bytes));

      // The message names the file by the upload's id, with the server's signed link (never Zendesk's URL).
      expect(sent.body.id).to.equal(`zc_${comment.id}`);
      expect(sent.body.attachments.map((a: Json) => [a.id, a.name, a.size])).to.deep.equal([[up.body.id, 'trace.pdf', 5000]]);
      const thread = await call(s, `/cases/zt_${alex.ticket}/messages`, { token });
      const threadText = await thread.text();
      expect(threadText).to.not.include('/attachments/token/');
      const listed = (JSON.parse(threadText) as Json).items.at(-1);
      expect(listed.attachments.map((a: Json) => a.id)).to.deep.equal([up.body.id]);
      const link = new URL(listed.attachments[0].url, `${s.url}/`);
      expect(link.origin).to.equal(new URL(s.url).origin);

      const fetched = await fetch(link);
      expect(fetched.status).to.equal(200);
      expect(fetched.headers.get('content-disposition')).to.include('trace.pdf');
      expect(sha(new Uint8Array(await fetched.arrayBuffer()))).to.equal(sha(bytes));
      // Streamed from Zendesk's content_url (our copy of the upload was dropped once Zendesk kept it).
      expect(s.fake.requests.filter((r) => r.startsWith('GET /attachments/token/')).length).to.be.at.least(1);

      // The same upload cannot be sent twice.
      const again = await json(await call(s, `/cases/zt_${alex.ticket}/messages`, { token, method: 'POST', body: JSON.stringify({ body: 'Again.', attachmentIds: [up.body.id] }) }));
      expect(again.status).to.equal(422);
      expect(again.body.fieldErrors.attachmentIds).to.be.a('string');
    });

    it('a new case with a file: the ticket’s first comment carries it, listed as the case’s own', async () => {
      const alex = customer('create');
      const token = await alex.token();
      const bytes = binary(3000, 2);
      const up = await upload(token, 'photo.png', 'image/png', bytes);
      expect(up.status).to.equal(201);
      const created = await json(await call(s, '/cases', { token, method: 'POST', body: JSON.stringify({ subject: 'Scratched casing', description: 'See the photo.', attachmentIds: [up.body.id] }) }));
      expect(created.status).to.equal(201);
      const ticketId = Number(String(created.body.id).replace('zt_', ''));
      const [first] = s.fake.comments.get(ticketId)!;
      expect(s.fake.attachmentsOf(first!).map((f) => [f.name, sha(f.bytes)])).to.deep.equal([['photo.png', sha(bytes)]]);
      expect(created.body.attachments.map((a: Json) => a.id)).to.deep.equal([up.body.id]);
      const files = await json(await call(s, `/cases/${created.body.id}/files`, { token }));
      expect(files.body.items.map((f: Json) => [f.id, f.name, f.messageId ?? null])).to.deep.equal([[up.body.id, 'photo.png', null]]);
      const fetched = await fetch(new URL(files.body.items[0].url, `${s.url}/`));
      expect(sha(new Uint8Array(await fetched.arrayBuffer()))).to.equal(sha(bytes));
    });

    it('files added to the case itself go with a comment naming them, and stay the case’s own', async () => {
      const alex = customer('add');
      const token = await alex.token();
      const up = await upload(token, 'later.txt', 'text/plain', new TextEncoder().encode('added later\n'));
      const c = await json(await call(s, `/cases/zt_${alex.ticket}`, { token }));
      const added = await json(await call(s, `/cases/zt_${alex.ticket}/files`, { token, method: 'POST', body: JSON.stringify({ attachmentIds: [up.body.id] }) }));
      expect(added.status).to.equal(200);
      expect(added.body.version).to.be.greaterThan(c.body.version);
      expect(added.body.attachments.map((a: Json) => a.id)).to.deep.equal([up.body.id]);
      const comment = s.fake.comments.get(alex.ticket)!.at(-1)!;
      expect(comment.body).to.equal('Files added: later.txt');
      expect(s.fake.attachmentsOf(comment).map((f) => f.bytes.toString())).to.deep.equal(['added later\n']);
      const again = await json(await call(s, `/cases/zt_${alex.ticket}`, { token }));
      expect(again.body.attachments.map((a: Json) => a.id)).to.deep.equal([up.body.id]);
      const files = await json(await call(s, `/cases/zt_${alex.ticket}/files`, { token }));
      expect(files.body.items.filter((f: Json) => f.id === up.body.id).map((f: Json) => f.messageId ?? null)).to.deep.equal([null]);
    });

    it('an agent’s file downloads through the server; an internal note’s file is neither listed nor downloadable', async () => {
      const alex = customer('agent');
      const token = await alex.token();
      const manual = binary(2000, 3);
      s.fake.agentComment(alex.ticket, 'The manual is attached.', true, undefined, [{ name: 'manual.pdf', type: 'application/pdf', bytes: Buffer.from(manual) }]);
      const note = s.fake.agentComment(alex.ticket, 'Internal: customer is on the old firmware.', false, undefined, [{ name: 'internal.txt', type: 'text/plain', bytes: Buffer.from('secret notes') }]);
      const noteFile = s.fake.attachmentsOf(note)[0]!.attachment;

      const files = await json(await call(s, `/cases/zt_${alex.ticket}/files`, { token }));
      expect(files.body.items.map((f: Json) => f.name)).to.deep.equal(['manual.pdf']);
      const manualFile = files.body.items[0];
      expect(manualFile.messageId).to.match(/^zc_/);
      expect(JSON.stringify(files.body)).to.not.include('/attachments/token/');
      const fetched = await fetch(new URL(manualFile.url, `${s.url}/`));
      expect(fetched.status).to.equal(200);
      expect(fetched.headers.get('content-type')).to.equal('application/pdf');
      expect(sha(new Uint8Array(await fetched.arrayBuffer()))).to.equal(sha(manual));

      // The note's file under the id scheme of an agent's file, with a valid signature for the
      // customer: still 404, because the connector serves files of public comments only.
      expect((await fetch(signedLinkFor(alex, `za_${alex.ticket}_${s.fake.attachmentsOf(s.fake.comments.get(alex.ticket)!.at(-2)!)[0]!.attachment.id}`))).status, 'the same signing, for the public file').to.equal(200);
      expect((await fetch(signedLinkFor(alex, `za_${alex.ticket}_${noteFile.id}`))).status).to.equal(404);
    });

    it('sends our credential only to Zendesk itself: a file hosted elsewhere is fetched without it', async () => {
      // Attachments, content_url: "The file may be hosted externally so take care not to inadvertently
      // send Zendesk authentication credentials". A storage host on another origin records what it got.
      const bytes = Buffer.from(binary(700, 5));
      const seen: IncomingHttpHeaders[] = [];
      const storage = createServer((req, res) => {
        seen.push(req.headers);
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(bytes.length) }).end(bytes);
      });
      await new Promise<void>((r) => storage.listen(0, '127.0.0.1', r));
      try {
        const alex = customer('elsewhere');
        const c = s.fake.agentComment(alex.ticket, 'Hosted elsewhere.', true, undefined, [{ name: 'report.pdf', type: 'application/pdf', bytes }]);
        const held = s.fake.attachmentsOf(c)[0]!.attachment;
        held.content_url = `http://localhost:${(storage.address() as AddressInfo).port}/files/report.pdf`;
        const files = await json(await call(s, `/cases/zt_${alex.ticket}/files`, { token: await alex.token() }));
        const fetched = await fetch(new URL(files.body.items[0].url, `${s.url}/`));
        expect(fetched.status).to.equal(200);
        expect(sha(new Uint8Array(await fetched.arrayBuffer()))).to.equal(sha(bytes));
        expect(seen).to.have.length(1);
        expect(seen[0]!.authorization, 'no credential to another origin').to.equal(undefined);
      } finally {
        storage.close();
      }
    });

    it('a link stops working when the ticket leaves the customer’s scope, and never works for someone else', async () => {
      const alex = customer('scope');
      const bo = customer('scope-other');
      s.fake.agentComment(alex.ticket, 'Your invoice.', true, undefined, [{ name: 'invoice.pdf', type: 'application/pdf', bytes: Buffer.from(binary(100, 4)) }]);
      const files = await json(await call(s, `/cases/zt_${alex.ticket}/files`, { token: await alex.token() }));
      const link = new URL(files.body.items[0].url, `${s.url}/`);
      expect((await fetch(link)).status).to.equal(200);
      // Bo presents his own token with Alex's link: refused.
      expect((await fetch(link, { headers: { authorization: `Bearer ${await bo.token()}` } })).status).to.equal(404);
      // The ticket moves to Bo in Zendesk: Alex's link no longer downloads.
      s.fake.tickets.get(alex.ticket)!.requester_id = bo.user.id;
      expect((await fetch(link)).status).to.equal(404);
    });

    it('refuses someone else’s upload and a file over the limit, sending nothing to Zendesk', async () => {
      const alex = customer('refuse');
      const bo = customer('refuse-other');
      const bosUpload = await upload(await bo.token(), 'bo.txt', 'text/plain', new TextEncoder().encode('mine'));
      expect(bosUpload.status).to.equal(201);
      const before = s.fake.requests.length;
      const r = await json(await call(s, `/cases/zt_${alex.ticket}/messages`, { token: await alex.token(), method: 'POST', body: JSON.stringify({ body: 'Taking Bo’s file.', attachmentIds: [bosUpload.body.id] }) }));
      expect(r.status).to.equal(422);
      expect(r.body.fieldErrors.attachmentIds).to.equal(`Unknown attachment ${bosUpload.body.id}.`);
      // Over the configured limit (64 KiB here; Zendesk's own is 50 MB): refused by the server's upload route.
      const big = await upload(await alex.token(), 'big.pdf', 'application/pdf', new Uint8Array(64 * 1024 + 1));
      expect(big.status).to.equal(413);
      expect(big.body.error.code).to.equal('too_large');
      expect(uploadsSent(before)).to.deep.equal([]);
      expect(s.fake.comments.get(alex.ticket)!.map((c) => c.body)).to.deep.equal(['It broke.']);
    });

    /** A download link for `fileId` signed for the person exactly as the server signs one (the test configures the server's secret). */
    function signedLinkFor(who: { user: FakeUser }, fileId: string): URL {
      return new URL(urls.url({ tenant: TENANT, personId: `zu_${who.user.id}` }, fileId), `${s.url}/`);
    }
  });
}
