/**
 * The one test suite every CaseAdapter must pass, whatever sits behind it (memory, REST over msw,
 * later the reference server and vendor adapters). It asserts behaviour the elements rely on,
 * not a data set: inputs are derived from the adapter's own schema and viewer.
 */
import { expect } from 'chai';
import {
  availableActions,
  canRead,
  EDITABLE_BUILTINS,
  editableBuiltins,
  FINISHED_CATEGORIES,
  isParticipantChange,
  isStatusChange,
  statusById,
  type AdapterEvent,
  type CaseAdapter,
  type CaseQuery,
  type CaseRecord,
  type EditableBuiltin,
  type FieldValue,
  type ParticipantRight,
  type PortalSchema,
  type Viewer,
} from '@case-portal/core';
import { caseInput, createCase, expectAbortError, expectAdapterError, sampleValue } from './fixtures.js';
import { defineTest, globalSuite, type SuiteFunctions, type TestControl } from './suite.js';
import { sleep, waitUntil } from './wait.js';

export interface ContractSubject {
  adapter: CaseAdapter;
  /** The same backend as a supervisor (holds "read-account"), if the subject can provide one. */
  supervisor?: () => Promise<CaseAdapter>;
  /**
   * The same backend as another customer of the viewer's account, with an e-mail address, who has
   * signed in at least once (their `viewer()` is asked first), if the subject can provide one.
   */
  colleague?: () => Promise<CaseAdapter>;
  /**
   * A fresh backend of the same kind whose schema lets people copied also do `mayAlso`
   * (`participants.mayAlso`), as a customer and a colleague of theirs (signed in once), if the
   * subject can configure one. Its adapters are the subject's to clean up.
   */
  withParticipantRights?: (mayAlso: ParticipantRight[]) => Promise<{ adapter: CaseAdapter; colleague: CaseAdapter }>;
  /**
   * The help desk's side, if the subject has one: an agent answers the case publicly, which leaves
   * it awaiting the customer's reply (a `pending-customer` status).
   */
  agentAnswers?: (caseId: string) => Promise<void>;
  cleanup?: () => Promise<void>;
}

export interface ContractOptions {
  /** How long to wait for a live event (polling adapters need a few intervals). */
  eventTimeoutMs?: number;
  /** Pause after subscribe before writing: a polling adapter's first request learns where "now" is. */
  subscribeSettleMs?: number;
  /** Per test and per hook. Default 10 s: a real server over HTTP is slower than memory. */
  timeoutMs?: number;
  /** describe / it / beforeEach / afterEach; default: the globals mocha or vitest (globals: true) define. */
  suite?: SuiteFunctions;
  /**
   * Tests that do not apply to this subject, by title, each with the reason: they are reported as
   * skipped (never silently passed), and a title that names no test is an error.
   */
  skip?: Record<string, string>;
  /**
   * The backend does not record who copied whom in the history (a connector whose vendor keeps no
   * such event), with the reason: the tests of copying people still run, without the history's
   * part, and the history test is reported as skipped with the reason.
   */
  noParticipantHistory?: string;
}

/** A value for a built-in key that the schema accepts and that differs from the case's; undefined when there is none. */
function builtinValue(schema: PortalSchema, c: CaseRecord, key: EditableBuiltin): FieldValue | undefined {
  if (key === 'subject') return `${c.subject} (edited)`;
  const options = key === 'priority' ? schema.priorities : schema.categories;
  return options.find((o) => o.value !== (c[key] ?? null))?.value;
}

/**
 * Registers the suite with the test framework: call it at the top level of a test file.
 * `make` gives a fresh subject per test (a new backend, or one whose writes do not matter).
 */
export function runAdapterContract(name: string, make: () => Promise<ContractSubject>, options: ContractOptions = {}): void {
  const suite = options.suite ?? globalSuite();
  const { describe, beforeEach, afterEach } = suite;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const skips = new Map(Object.entries(options.skip ?? {}));
  const it = (title: string, body: (control: TestControl) => void | Promise<void>) => {
    const reason = skips.get(title);
    skips.delete(title);
    defineTest(suite, title, timeoutMs, reason === undefined ? body : (control) => control.skip(reason));
  };
  describe(`CaseAdapter contract: ${name}`, function (this: unknown) {
    // Mocha hands describe a context whose timeout also covers the hooks; vitest hands none.
    (this as { timeout?: (ms: number) => void } | undefined)?.timeout?.(timeoutMs);
    let subject: ContractSubject;
    let adapter: CaseAdapter;
    let schema: PortalSchema;
    let viewer: Viewer;

    beforeEach(async () => {
      subject = await make();
      adapter = subject.adapter;
      schema = await adapter.describe();
      viewer = await adapter.viewer();
    });
    afterEach(async () => {
      await subject.cleanup?.();
    });

    /**
     * A first page of the viewer's cases holding at least `n` (created when fewer): a fresh backend,
     * such as a new customer on a server, starts with none, and a list test must not pass on nothing.
     */
    const listed = async (n: number, skip: TestControl['skip'], query: CaseQuery = {}) => {
      const page = await adapter.listCases({ limit: 50, ...query });
      if (page.total >= n) return page;
      if (!schema.features.create) skip(`the viewer has fewer than ${n} cases and may not create any`);
      for (let i = page.total; i < n; i++) await createCase(adapter);
      return adapter.listCases({ limit: 50, ...query });
    };

    describe('schema and viewer', () => {
      it('describes a usable schema', () => {
        expect(schema.statuses.length).to.be.greaterThan(0);
        const ids = schema.statuses.map((s) => s.id);
        for (const id of schema.closeStatuses) expect(ids).to.include(id);
        if (schema.cancelStatus) expect(ids).to.include(schema.cancelStatus);
        if (schema.reopenStatus) expect(ids).to.include(schema.reopenStatus);
        expect(schema.limits.pageSize).to.be.greaterThan(0);
        expect(schema.features).to.be.an('object');
        expect(schema.fields.every((f) => typeof f.key === 'string' && typeof f.label === 'string')).to.equal(true);
      });

      it('tells who is signed in', () => {
        expect(viewer.id).to.be.a('string').and.not.equal('');
        expect(viewer.name).to.be.a('string');
        expect(viewer.permissions).to.include('read');
      });
    });

    describe('listCases', () => {
      it('pages with a cursor: total, limit, no repeats, only readable cases', async ({ skip }) => {
        await listed(4, skip);
        const first = await adapter.listCases({ limit: 3 });
        expect(first.items.length).to.be.at.most(3);
        expect(first.total).to.be.at.least(first.items.length);
        for (const c of first.items) expect(canRead(c, viewer), `readable ${c.id}`).to.equal(true);
        expect(first.items).to.have.length(3);
        expect(first.nextCursor).to.be.a('string');
        const second = await adapter.listCases({ limit: 3, cursor: first.nextCursor });
        expect(second.total).to.equal(first.total);
        expect(second.items.length).to.be.at.least(1);
        const ids = new Set(first.items.map((c) => c.id));
        for (const c of second.items) expect(ids.has(c.id), `repeated ${c.id}`).to.equal(false);
      });

      it('sorts by updatedAt and number', async ({ skip }) => {
        await listed(3, skip);
        const desc = await adapter.listCases({ sort: { key: 'updatedAt', dir: 'desc' }, limit: 20 });
        const times = desc.items.map((c) => Date.parse(c.updatedAt));
        for (let i = 1; i < times.length; i++) expect(times[i]!).to.be.at.most(times[i - 1]!);
        const asc = await adapter.listCases({ sort: { key: 'number', dir: 'asc' }, limit: 20 });
        const nums = asc.items.map((c) => c.number);
        expect(nums).to.deep.equal([...nums].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })));
      });

      it('finds a case by number and by keyword, case-insensitively', async () => {
        const created = await createCase(adapter, `Flux capacitor ${Date.now()}`);
        const byNumber = await adapter.listCases({ keyword: created.number });
        expect(byNumber.items.map((c) => c.id)).to.include(created.id);
        const byWord = await adapter.listCases({ keyword: 'FLUX CAPACITOR' });
        expect(byWord.items.map((c) => c.id)).to.include(created.id);
        for (const c of byWord.items) {
          expect(`${c.number} ${c.subject} ${c.description}`.toLowerCase()).to.include('flux capacitor');
        }
      });

      it('filters by status and counts per status without the status filter', async ({ skip }) => {
        const all = await listed(1, skip);
        expect(all.statusCounts, 'statusCounts').to.be.an('object');
        const statusId = all.items[0]!.status.id;
        const filtered = await adapter.listCases({ statuses: [statusId], limit: 50 });
        expect(filtered.items.every((c) => c.status.id === statusId)).to.equal(true);
        expect(filtered.total).to.equal(all.statusCounts?.[statusId]);
        // Counts ignore the status filter, so chips keep showing the other statuses.
        expect(filtered.statusCounts).to.deep.equal(all.statusCounts);
      });

      it('shows only the viewer\'s own cases in the "mine" view', async ({ skip }) => {
        const mine = await listed(1, skip, { view: 'mine' });
        expect(mine.items.length).to.be.at.least(1);
        for (const c of mine.items) expect(c.requester.id).to.equal(viewer.id);
      });

      it('shows under "linked" (cases I\'m copied on) only other people\'s cases', async ({ skip }) => {
        if (!schema.views.includes('linked')) return skip('the schema has no "linked" view');
        const linked = await adapter.listCases({ view: 'linked', limit: 200 });
        for (const c of linked.items) expect(c.requester.id, `${c.number} is the viewer's own case`).to.not.equal(viewer.id);
      });
    });

    describe('getCase and createCase', () => {
      it('gets a listed case', async ({ skip }) => {
        const [first] = (await listed(1, skip)).items;
        const c = await adapter.getCase(first!.id);
        expect(c.id).to.equal(first!.id);
        expect(c.number).to.equal(first!.number);
      });

      it('rejects an unknown id with not_found', async () => {
        await expectAdapterError(adapter.getCase('no-such-case-4711'), 'not_found');
      });

      it('creates a case for the viewer that getCase then returns', async () => {
        const input = caseInput(schema);
        const c = await adapter.createCase(input);
        expect(c.subject).to.equal(input.subject);
        expect(c.requester.id).to.equal(viewer.id);
        expect(FINISHED_CATEGORIES).to.not.include(c.status.category);
        expect(c.version).to.be.a('number');
        const again = await adapter.getCase(c.id);
        expect(again.subject).to.equal(input.subject);
        expect(again.number).to.equal(c.number);
      });

      it('makes one case for two creates with the same idempotency key', async () => {
        const input = caseInput(schema);
        const key = `contract-${Date.now()}-${Math.random()}`;
        const a = await adapter.createCase(input, { idempotencyKey: key });
        const b = await adapter.createCase(input, { idempotencyKey: key });
        expect(b.id).to.equal(a.id);
        const found = await adapter.listCases({ keyword: input.subject });
        expect(found.total).to.equal(1);
      });

      it('refuses a create without a subject (validation)', async () => {
        await expectAdapterError(adapter.createCase({ ...caseInput(schema), subject: '' }), 'validation');
      });
    });

    describe('updateCase', () => {
      it('updates an editable field and refuses a stale version with conflict', async ({ skip }) => {
        const field = schema.fields.find((f) => f.editable);
        if (!field) return skip('the schema has no editable field');
        const c = await createCase(adapter);
        // A value different from the current one: a no-op update need not bump the version.
        const current = JSON.stringify(c.fields[field.key] ?? null);
        const candidates = [...(field.options ?? []).map((o) => o.value), 'SN-42', sampleValue(field)];
        const value = field.type === 'choice' || field.type === 'text'
          ? candidates.find((v) => JSON.stringify(v) !== current)!
          : sampleValue(field);
        const updated = await adapter.updateCase(c.id, { changes: { [field.key]: value }, version: c.version });
        expect(updated.version).to.be.greaterThan(c.version);
        expect(updated.fields[field.key]).to.deep.equal(value);
        await expectAdapterError(adapter.updateCase(c.id, { changes: { [field.key]: value }, version: c.version }), 'conflict');
      });

      it('updates a built-in key the schema lists in editableBuiltins', async ({ skip }) => {
        const c = await createCase(adapter);
        const key = editableBuiltins(schema).find((k) => builtinValue(schema, c, k) !== undefined);
        if (!key) return skip('the schema lets no built-in key be edited');
        const value = builtinValue(schema, c, key)!;
        const updated = await adapter.updateCase(c.id, { changes: { [key]: value }, version: c.version });
        expect(updated[key]).to.equal(value);
        expect(updated.version).to.be.greaterThan(c.version);
      });

      it('refuses a built-in key the schema does not list in editableBuiltins (validation)', async ({ skip }) => {
        const c = await createCase(adapter);
        const editable: readonly EditableBuiltin[] = editableBuiltins(schema);
        const key = EDITABLE_BUILTINS.find((k) => !editable.includes(k) && builtinValue(schema, c, k) !== undefined);
        if (!key) return skip('every built-in key with another value is editable');
        // A value the key would accept if it were editable: the refusal is about editability alone.
        await expectAdapterError(adapter.updateCase(c.id, { changes: { [key]: builtinValue(schema, c, key)! }, version: c.version }), 'validation');
        const again = await adapter.getCase(c.id);
        expect(again[key]).to.equal(c[key]);
        expect(again.version).to.equal(c.version);
      });
    });

    /** The status entries of a case's history, oldest first. */
    const statusesOf = async (id: string) => (await adapter.listHistory(id)).filter(isStatusChange);

    describe('history', () => {
      it('starts with the status a case was created in and ends in its current status', async () => {
        const created = await createCase(adapter);
        const listed = (await adapter.listCases({ limit: 5 })).items;
        for (const c of [created, ...listed]) {
          const history = await statusesOf(c.id);
          expect(history.length, `history of ${c.id}`).to.be.greaterThan(0);
          expect(history[0]!.from, `first entry of ${c.id}`).to.equal(null);
          expect(Date.parse(history[0]!.at)).to.equal(Date.parse(c.createdAt));
          expect(history.at(-1)!.to.id, `last entry of ${c.id}`).to.equal(c.status.id);
          for (let i = 1; i < history.length; i++) {
            expect(history[i]!.from?.id, `entry ${i} of ${c.id} continues from the previous one`).to.equal(history[i - 1]!.to.id);
            expect(Date.parse(history[i]!.at)).to.be.at.least(Date.parse(history[i - 1]!.at));
          }
        }
        const mine = await statusesOf(created.id);
        expect(mine.map((h) => h.to.id)).to.deep.equal([created.status.id]);
      });

      it('records a close, with the reason\'s label', async ({ skip }) => {
        const closeAs = schema.closeStatuses[0];
        if (!schema.features.close || !closeAs) return skip('the schema closes no cases');
        const reason = schema.closeReasons[0];
        const c = await createCase(adapter);
        const before = await statusesOf(c.id);
        await adapter.transition(c.id, 'close', { status: closeAs, reason: reason?.value, version: c.version });
        const after = await statusesOf(c.id);
        expect(after.length).to.equal(before.length + 1);
        const last = after.at(-1)!;
        expect(last.from?.id).to.equal(c.status.id);
        expect(last.to.id).to.equal(closeAs);
        if (reason) expect(last.reason).to.equal(reason.label);
        if (last.by) expect(last.by.id).to.equal(viewer.id);
      });

      it('rejects an unknown case with not_found', async () => {
        await expectAdapterError(adapter.listHistory('no-such-case-4711'), 'not_found');
      });
    });

    describe('files', () => {
      const upload = (name: string) => adapter.uploadAttachment(new File([`contents of ${name}`], name, { type: 'text/plain' }));

      it('lists the case\'s own files and those of its messages, oldest first', async ({ skip }) => {
        if (!schema.features.attachments) return skip('the schema takes no attachments');
        const own = await upload('own.txt');
        const c = await adapter.createCase({ ...caseInput(schema), attachmentIds: [own.id] });
        const sent = await upload('sent.txt');
        const m = await adapter.postMessage(c.id, { body: 'The file you asked for.', attachmentIds: [sent.id] });
        const files = await adapter.listFiles(c.id);
        expect(files.map((f) => f.id)).to.include.members([own.id, sent.id]);
        const ownFile = files.find((f) => f.id === own.id)!;
        expect(ownFile.messageId ?? null).to.equal(null);
        expect(ownFile.name).to.equal('own.txt');
        const sentFile = files.find((f) => f.id === sent.id)!;
        expect(sentFile.messageId).to.equal(m.id);
        expect(sentFile.name).to.equal('sent.txt');
        if (sentFile.addedBy) expect(sentFile.addedBy.id).to.equal(viewer.id);
        const times = files.map((f) => Date.parse(f.createdAt ?? ''));
        expect(times.every((t) => Number.isFinite(t)), 'every file has a date').to.equal(true);
        for (let i = 1; i < times.length; i++) expect(times[i]!).to.be.at.least(times[i - 1]!);
      });

      it('sends files alone, without text: the message carries them and the case lists them', async ({ skip }) => {
        if (!schema.features.attachments) return skip('the schema takes no attachments');
        const c = await createCase(adapter);
        const shot = await upload('screenshot.txt');
        const m = await adapter.postMessage(c.id, { body: '', attachmentIds: [shot.id] });
        expect(m.kind).to.equal('comment');
        expect(m.attachments.map((a) => a.id)).to.deep.equal([shot.id]);
        const thread = await adapter.listMessages(c.id, { limit: 200 });
        expect(thread.items.find((x) => x.id === m.id)?.attachments.map((a) => a.name)).to.deep.equal(['screenshot.txt']);
        const file = (await adapter.listFiles(c.id)).find((f) => f.id === shot.id);
        expect(file?.messageId).to.equal(m.id);
        // Neither text nor files is nothing to send.
        await expectAdapterError(adapter.postMessage(c.id, { body: '  ' }), 'validation');
      });

      it('refuses files on a complaint about a finished case (forbidden): a complaint there takes text only', async ({ skip }) => {
        const final = schema.closeStatuses.find((id) => FINISHED_CATEGORIES.includes(statusById(schema, id)!.category));
        if (!schema.features.attachments || !schema.features.complain || !final) skip('the schema takes no attachments, no complaints or closes no case for good');
        const c = await createCase(adapter);
        await adapter.transition(c.id, 'close', { status: final!, version: c.version });
        const shot = await upload('proof.txt');
        await expectAdapterError(adapter.postMessage(c.id, { body: 'See the file.', kind: 'complaint', attachmentIds: [shot.id] }), 'forbidden');
        expect((await adapter.listFiles(c.id)).map((f) => f.id)).not.to.include(shot.id);
      });

      it('lists only files of public messages', async ({ skip }) => {
        // Internal notes never reach the customer, so their files must not either.
        const [first] = (await adapter.listCases({ limit: 1 })).items;
        if (!first) return skip('the viewer has no case (internal notes come from the help desk)');
        const visible = new Set((await adapter.listMessages(first.id, { limit: 200 })).items.flatMap((m) => m.attachments.map((a) => a.id)));
        const own = new Set(first.attachments.map((a) => a.id));
        for (const f of await adapter.listFiles(first.id)) {
          expect(visible.has(f.id) || own.has(f.id), `file ${f.id} is the case's or a public message's`).to.equal(true);
        }
      });

      it('attaches uploaded files to the case: once per idempotency key, bumping the version', async ({ skip }) => {
        if (!schema.features.attachments) return skip('the schema takes no attachments');
        const c = await createCase(adapter);
        const up = await upload('later.txt');
        const key = `contract-files-${Date.now()}-${Math.random()}`;
        const once = await adapter.addFiles(c.id, { attachmentIds: [up.id] }, { idempotencyKey: key });
        expect(once.version).to.be.greaterThan(c.version);
        expect(once.attachments.map((a) => a.id)).to.include(up.id);
        expect(once.attachments.length).to.equal(c.attachments.length + 1);
        const twice = await adapter.addFiles(c.id, { attachmentIds: [up.id] }, { idempotencyKey: key });
        expect(twice.version).to.equal(once.version);
        expect(twice.attachments.length).to.equal(once.attachments.length);
        const again = await adapter.getCase(c.id);
        expect(again.attachments.filter((a) => a.id === up.id)).to.have.length(1);
        expect(again.version).to.equal(once.version);
        const files = (await adapter.listFiles(c.id)).filter((f) => f.id === up.id);
        expect(files).to.have.length(1);
        expect(files[0]!.messageId ?? null).to.equal(null);
      });

      it('refuses to attach to a finished case (forbidden) and unknown ids (validation)', async ({ skip }) => {
        if (!schema.features.attachments) return skip('the schema takes no attachments');
        const c = await createCase(adapter);
        await expectAdapterError(adapter.addFiles(c.id, { attachmentIds: ['no-such-upload-4711'] }), 'validation');
        await expectAdapterError(adapter.addFiles(c.id, { attachmentIds: [] }), 'validation');
        expect((await adapter.getCase(c.id)).version).to.equal(c.version);
        await expectAdapterError(adapter.addFiles('no-such-case-4711', { attachmentIds: ['no-such-upload-4711'] }), 'not_found');

        const final = schema.closeStatuses.find((id) => FINISHED_CATEGORIES.includes(statusById(schema, id)!.category));
        if (!final) return;
        await adapter.transition(c.id, 'close', { status: final, version: c.version });
        const up = await upload('too-late.txt');
        await expectAdapterError(adapter.addFiles(c.id, { attachmentIds: [up.id] }), 'forbidden');
      });
    });

    describe('transition', () => {
      it('closes and reopens as the policy allows, and refuses what it denies', async ({ skip }) => {
        const closeAs = schema.closeStatuses.map((id) => statusById(schema, id)!).find((s) => schema.reopen.fromCategories.includes(s.category));
        if (!schema.features.close || !closeAs) return skip('the schema closes no case as a status that reopens');
        const c = await createCase(adapter);
        expect(availableActions(c, viewer, schema, new Date()).close.allowed).to.equal(true);
        const closed = await adapter.transition(c.id, 'close', { status: closeAs.id, reason: schema.closeReasons[0]?.value, version: c.version });
        expect(closed.status.id).to.equal(closeAs.id);

        const reopenable = availableActions(closed, viewer, schema, new Date()).reopen;
        if (!reopenable.allowed) {
          await expectAdapterError(adapter.transition(c.id, 'reopen', { version: closed.version }), ['forbidden', 'conflict', 'validation']);
          return;
        }
        const reopened = await adapter.transition(c.id, 'reopen', { comment: 'Still broken.', version: closed.version });
        expect(reopened.reopenCount).to.equal(closed.reopenCount + 1);
        expect(FINISHED_CATEGORIES).to.not.include(reopened.status.category);
        expect(reopened.status.category).to.not.equal('resolved');
      });

      it('refuses to close a finished case and to reopen a final one', async ({ skip }) => {
        const final = schema.closeStatuses.map((id) => statusById(schema, id)!).find((s) => FINISHED_CATEGORIES.includes(s.category));
        if (!final) return skip('the schema closes no case for good');
        const c = await createCase(adapter);
        const closed = await adapter.transition(c.id, 'close', { status: final.id, version: c.version });
        expect(availableActions(closed, viewer, schema, new Date()).close.allowed).to.equal(false);
        await expectAdapterError(adapter.transition(c.id, 'close', { status: final.id, version: closed.version }), ['forbidden', 'conflict', 'validation']);
        if (!availableActions(closed, viewer, schema, new Date()).reopen.allowed) {
          await expectAdapterError(adapter.transition(c.id, 'reopen', { version: closed.version }), ['forbidden', 'conflict', 'validation']);
        }
      });

      it('refuses to close as a status that is not a close status', async ({ skip }) => {
        const c = await createCase(adapter);
        const other = schema.statuses.find((s) => !schema.closeStatuses.includes(s.id));
        if (!other) return skip('every status is a close status');
        await expectAdapterError(adapter.transition(c.id, 'close', { status: other.id, version: c.version }), ['validation', 'forbidden']);
      });
    });

    describe('messages', () => {
      it('lists a posted message, public only, in chronological order', async () => {
        const c = await createCase(adapter);
        const m = await adapter.postMessage(c.id, { body: 'Here are the logs you asked for.' });
        expect(m.caseId).to.equal(c.id);
        expect(m.kind).to.equal('comment');
        expect(m.author.id).to.equal(viewer.id);
        const page = await adapter.listMessages(c.id, {});
        expect(page.items.map((x) => x.id)).to.include(m.id);
        expect(page.items.every((x) => x.public)).to.equal(true);
        const times = page.items.map((x) => Date.parse(x.createdAt));
        for (let i = 1; i < times.length; i++) expect(times[i]!).to.be.at.least(times[i - 1]!);
      });

      it('pages messages: the first page holds the newest', async () => {
        const c = await createCase(adapter);
        for (let i = 1; i <= 3; i++) await adapter.postMessage(c.id, { body: `Message ${i}` });
        const first = await adapter.listMessages(c.id, { limit: 2 });
        expect(first.items.length).to.equal(2);
        expect(first.items.map((m) => m.body)).to.include('Message 3');
        expect(first.nextCursor).to.be.a('string');
        const older = await adapter.listMessages(c.id, { limit: 2, cursor: first.nextCursor });
        const ids = new Set(first.items.map((m) => m.id));
        expect(older.items.some((m) => ids.has(m.id))).to.equal(false);
      });

      it('filters messages by kind: pages, cursor and total count the matching ones only', async () => {
        const c = await createCase(adapter);
        for (let i = 1; i <= 3; i++) await adapter.postMessage(c.id, { body: `Comment ${i}` });
        const emails = await adapter.listMessages(c.id, { kinds: ['email'] });
        expect(emails.items.filter((m) => m.kind !== 'email'), 'only emails').to.deep.equal([]);
        expect(emails.total).to.equal(emails.items.length);
        const first = await adapter.listMessages(c.id, { kinds: ['comment'], limit: 2 });
        expect(first.items.map((m) => m.body)).to.deep.equal(['Comment 2', 'Comment 3']);
        expect(first.total).to.equal(3);
        const older = await adapter.listMessages(c.id, { kinds: ['comment'], limit: 2, cursor: first.nextCursor });
        expect(older.items.map((m) => m.body)).to.deep.equal(['Comment 1']);
        expect(older.nextCursor).to.equal(null);
      });

      it('allows a complaint on a finished case and refuses a comment', async ({ skip }) => {
        const final = schema.closeStatuses.find((id) => FINISHED_CATEGORIES.includes(statusById(schema, id)!.category));
        if (!final) return skip('the schema closes no case for good');
        const c = await createCase(adapter);
        await adapter.transition(c.id, 'close', { status: final, version: c.version });
        await expectAdapterError(adapter.postMessage(c.id, { body: 'One more thing', kind: 'comment' }), ['forbidden', 'conflict', 'validation']);
        if (!schema.features.complain) return;
        const complaint = await adapter.postMessage(c.id, { body: 'This took far too long.', kind: 'complaint' });
        expect(complaint.kind).to.equal('complaint');
      });

      it('hands a case awaiting the customer back to support when the customer replies', async ({ skip }) => {
        const back = schema.statuses.find((s) => s.category === 'pending-agent');
        if (!back) skip('the schema has no status for cases awaiting support (a vendor moves its own tickets)');
        if (!subject.agentAnswers) skip('the subject has no help desk side to answer with');
        const c = await createCase(adapter);
        await subject.agentAnswers!(c.id);
        const waiting = await adapter.getCase(c.id);
        expect(waiting.status.category, 'after the agent answered').to.equal('pending-customer');
        await adapter.postMessage(c.id, { body: 'Firmware 4.2, since Monday.' });
        const after = await adapter.getCase(c.id);
        expect(after.status.id).to.equal(back!.id);
        expect(after.version).to.be.greaterThan(waiting.version);
        const last = (await adapter.listHistory(c.id)).filter(isStatusChange).at(-1)!;
        expect([last.from?.id, last.to.id]).to.deep.equal([waiting.status.id, back!.id]);
        const thread = await adapter.listMessages(c.id, { limit: 200 });
        expect(thread.items.filter((m) => m.kind === 'event').map((m) => m.event?.to.id)).to.include(back!.id);
      });

      it('refuses a message on an unknown case with not_found', async () => {
        await expectAdapterError(adapter.postMessage('no-such-case-4711', { body: 'Hello' }), 'not_found');
      });
    });

    describe('attachments', () => {
      it('uploads a file and returns the attachment', async () => {
        const file = new File(['hello, support'], 'notes.txt', { type: 'text/plain' });
        const a = await adapter.uploadAttachment(file);
        expect(a.id).to.be.a('string').and.not.equal('');
        expect(a.name).to.equal('notes.txt');
        expect(a.size).to.equal(file.size);
      });

      it('refuses an oversize file with too_large before sending a byte', async ({ skip }) => {
        const max = schema.limits.maxAttachmentBytes;
        if (!(max > 0)) return skip('the schema sets no size limit');
        const big = new File([new Uint8Array(max + 1)], 'big.pdf', { type: 'application/pdf' });
        let progressed = false;
        await expectAdapterError(adapter.uploadAttachment(big, { onProgress: () => (progressed = true) }), 'too_large');
        expect(progressed, 'no upload progress for a refused file').to.equal(false);
      });

      it('refuses a type the schema does not allow with unsupported_type', async ({ skip }) => {
        if (schema.limits.allowedTypes.length === 0) return skip('the schema allows every type');
        const html = new File(['<script>alert(1)</script>'], 'page.html', { type: 'text/html' });
        await expectAdapterError(adapter.uploadAttachment(html), 'unsupported_type');
      });
    });

    describe('feedback', () => {
      it('takes feedback once after the case is resolved or closed', async ({ skip }) => {
        const closeAs = schema.closeStatuses[0];
        if (!schema.features.feedback || !closeAs) return skip('the schema takes no feedback or closes no case');
        const c = await createCase(adapter);
        await expectAdapterError(adapter.submitFeedback(c.id, { rating: 5 }), ['forbidden', 'conflict', 'validation']);
        await adapter.transition(c.id, 'close', { status: closeAs, version: c.version });
        const rated = await adapter.submitFeedback(c.id, { rating: 4, comment: 'Quick and friendly.' });
        expect(rated.feedback?.rating).to.equal(4);
        await expectAdapterError(adapter.submitFeedback(c.id, { rating: 1 }), ['forbidden', 'conflict', 'validation']);
      });
    });

    describe('cancellation', () => {
      it('rejects with an AbortError when the signal is already aborted', async () => {
        await expectAbortError(adapter.listCases({}, { signal: AbortSignal.abort() }));
        await expectAbortError(adapter.getCase('any', { signal: AbortSignal.abort() }));
      });

      it('rejects with an AbortError when aborted in flight', async () => {
        const controller = new AbortController();
        const p = adapter.listCases({ keyword: 'a' }, { signal: controller.signal });
        controller.abort();
        await expectAbortError(p);
      });
    });

    describe('live updates', () => {
      it('emits message-added for a posted message, and nothing after unsubscribe', async ({ skip }) => {
        if (!adapter.subscribe) skip('the adapter has no subscribe');
        const c = await createCase(adapter);
        const events: AdapterEvent[] = [];
        const stop = adapter.subscribe!({ caseId: c.id }, (e) => events.push(e));
        try {
          await sleep(options.subscribeSettleMs ?? 0);
          const m = await adapter.postMessage(c.id, { body: 'Live!' });
          await waitUntil(
            () => events.some((e) => e.type === 'message-added' && e.message.id === m.id),
            'message-added arrives',
            { timeout: options.eventTimeoutMs ?? 2000, interval: 20 },
          );
          expect(events.every((e) => e.caseId === c.id)).to.equal(true);
        } finally {
          stop();
        }
        const count = events.length;
        await adapter.postMessage(c.id, { body: 'Nobody listens.' });
        await sleep(options.subscribeSettleMs ?? 50);
        expect(events.length).to.equal(count);
      });
    });

    describe('people copied on a case', () => {
      it('copies a colleague by address: they read, list and reply, may not close; removed, they lose it', async ({ skip }) => {
        if (!schema.participants || !adapter.addParticipant || !adapter.removeParticipant) skip('the backend copies no one');
        if (!subject.colleague) skip('the subject gives no colleague');
        const other = await subject.colleague!();
        const colleague = await other.viewer();
        expect(colleague.email, 'the colleague has an address').to.be.a('string');
        const c = await createCase(adapter);
        expect(availableActions(c, viewer, schema, new Date()).participants.allowed).to.equal(true);

        const added = await adapter.addParticipant!(c.id, { email: colleague.email!.toUpperCase() });
        expect(added.version).to.be.greaterThan(c.version);
        expect(added.contacts?.map((p) => p.id)).to.deep.equal([colleague.id]);
        expect(added.contacts?.[0]!.name).to.equal(colleague.name);
        // Twice, or the requester: refused, nothing changes.
        await expectAdapterError(adapter.addParticipant!(c.id, { email: colleague.email! }), 'validation');
        await expectAdapterError(adapter.addParticipant!(c.id, { email: 'nobody-4711@nowhere.example' }), 'validation');
        await expectAdapterError(adapter.addParticipant!(c.id, { email: 'not an address' }), 'validation');

        const seen = await other.getCase(c.id);
        expect(seen.id).to.equal(c.id);
        const linked = await other.listCases({ view: 'linked', limit: 200 });
        expect(linked.items.map((x) => x.id)).to.include(c.id);
        const reply = await other.postMessage(c.id, { body: 'Copied in, and answering.' });
        expect(reply.author.id).to.equal(colleague.id);
        expect(availableActions(seen, colleague, schema, new Date()).close.allowed).to.equal(false);
        expect(availableActions(seen, colleague, schema, new Date()).participants.allowed).to.equal(false);
        const closeAs = schema.closeStatuses[0];
        if (closeAs) await expectAdapterError(other.transition(c.id, 'close', { status: closeAs, version: seen.version }), 'forbidden');
        await expectAdapterError(other.removeParticipant!(c.id, colleague.id), 'forbidden');

        const removed = await adapter.removeParticipant!(c.id, colleague.id);
        expect(removed.contacts ?? []).to.deep.equal([]);
        await expectAdapterError(other.getCase(c.id), 'not_found');
        await expectAdapterError(other.postMessage(c.id, { body: 'Still here?' }), 'not_found');
      });

      it('records who copied whom in the history: by and person; the person copied sees names, their own address only', async ({ skip }) => {
        if (options.noParticipantHistory) skip(options.noParticipantHistory);
        if (!schema.participants || !adapter.addParticipant || !adapter.removeParticipant) skip('the backend copies no one');
        if (!subject.colleague || !subject.supervisor) skip('the subject gives no colleague or supervisor');
        const other = await subject.colleague!();
        const colleague = await other.viewer();
        const sup = await subject.supervisor!();
        const supervisor = await sup.viewer();
        const c = await createCase(adapter);
        const added = await adapter.addParticipant!(c.id, { email: colleague.email! });
        // A second person, so the colleague has someone else's entry to read.
        const withSup = await adapter.addParticipant!(c.id, { id: supervisor.id }).catch(() => null);
        const seenByColleague = (await other.listHistory(c.id)).filter(isParticipantChange);
        expect(seenByColleague[0], 'the colleague sees their own entry, with their address').to.deep.include({ kind: 'participant-added' });
        expect(seenByColleague[0]!.person).to.deep.equal({ id: colleague.id, name: colleague.name, email: colleague.email });
        expect(seenByColleague[0]!.by).to.deep.include({ id: viewer.id, name: viewer.name });
        if (withSup) {
          const supEntry = seenByColleague.find((h) => h.person.id === supervisor.id);
          expect(supEntry?.person.email, 'another person\'s address is not the colleague\'s to see').to.equal(undefined);
        }
        for (const h of seenByColleague) if (h.by.id !== colleague.id) expect(h.by.email, 'nor the requester\'s').to.equal(undefined);

        await adapter.removeParticipant!(c.id, colleague.id);
        const history = await adapter.listHistory(c.id);
        const entries = history.filter(isParticipantChange).filter((h) => h.person.id === colleague.id);
        expect(entries.map((h) => h.kind)).to.deep.equal(['participant-added', 'participant-removed']);
        for (const h of entries) {
          expect(h.by).to.deep.include({ id: viewer.id, name: viewer.name, role: 'customer' });
          expect(h.person.email, 'the requester sees the address').to.equal(colleague.email);
          expect(Date.parse(h.at)).to.be.at.least(Date.parse(c.createdAt));
        }
        expect(Date.parse(entries[1]!.at)).to.be.at.least(Date.parse(entries[0]!.at));
        expect(history.indexOf(entries[0]!)).to.be.lessThan(history.indexOf(entries[1]!));
        // The status entries are as they were: created, nothing else.
        expect(history.filter(isStatusChange).map((h) => h.to.id)).to.deep.equal([c.status.id]);
        expect(added.version).to.be.greaterThan(c.version);
      });

      it('refuses a person copied to close, unless the schema lists it in participants.mayAlso', async ({ skip }) => {
        if (!schema.participants || !adapter.addParticipant) skip('the backend copies no one');
        if (!subject.colleague) skip('the subject gives no colleague');
        const closeAs = schema.closeStatuses[0];
        if (!schema.features.close || !closeAs) skip('the backend closes no cases');
        const other = await subject.colleague!();
        const colleague = await other.viewer();
        const c = await adapter.addParticipant!((await createCase(adapter)).id, { email: colleague.email! });
        const listed = schema.participants!.mayAlso?.includes('close') ?? false;
        expect(availableActions(c, colleague, schema, new Date()).close.allowed).to.equal(listed);
        if (!listed) await expectAdapterError(other.transition(c.id, 'close', { status: closeAs!, version: c.version }), 'forbidden');

        if (!subject.withParticipantRights) return;
        const rights = await subject.withParticipantRights(['close']);
        const rightsSchema = await rights.adapter.describe();
        expect(rightsSchema.participants?.mayAlso).to.deep.equal(['close']);
        const copiedIn = await rights.colleague.viewer();
        const d = await rights.adapter.addParticipant!((await createCase(rights.adapter)).id, { email: copiedIn.email! });
        const seen = await rights.colleague.getCase(d.id);
        const actions = availableActions(seen, copiedIn, rightsSchema, new Date());
        expect([actions.close.allowed, actions.cancel.allowed, actions.update.allowed]).to.deep.equal([true, false, false]);
        if (rightsSchema.cancelStatus) await expectAdapterError(rights.colleague.transition(d.id, 'cancel', { version: seen.version }), 'forbidden');
        const closed = await rights.colleague.transition(d.id, 'close', { status: closeAs!, version: seen.version });
        expect(closed.status.id).to.equal(closeAs);
        expect((await rights.adapter.getCase(d.id)).status.id, 'the requester sees it closed').to.equal(closeAs);
      });

      it('names colleagues when creating, within the schema\'s limit', async ({ skip }) => {
        if (!schema.participants || !subject.colleague) skip('the backend copies no one, or the subject gives no colleague');
        const colleague = await (await subject.colleague!()).viewer();
        const c = await adapter.createCase({ ...caseInput(schema), participants: [{ email: colleague.email! }] });
        expect(c.contacts?.map((p) => p.id)).to.deep.equal([colleague.id]);
        // One "added" entry per person named, after "created as".
        if (!options.noParticipantHistory) {
          const history = await adapter.listHistory(c.id);
          expect(isStatusChange(history[0]!)).to.equal(true);
          expect(history.filter(isParticipantChange).map((h) => [h.kind, h.person.id])).to.deep.equal([['participant-added', colleague.id]]);
        }
        const many = Array.from({ length: schema.participants!.max + 1 }, (_, i) => ({ email: `person-${i}@example.com` }));
        await expectAdapterError(adapter.createCase({ ...caseInput(schema), participants: many }), 'validation');
      });
    });

    describe('supervisor', () => {
      it('reads the account\'s cases but may not close someone else\'s', async ({ skip }) => {
        if (!subject.supervisor) skip('the subject gives no supervisor');
        // A seeded case where there is one (a demo supervisor's adapter need not share this one's
        // writes); a fresh backend, such as a new customer on a server, gets a new case.
        const open = await adapter.listCases({ view: 'mine', categories: ['new', 'open', 'pending-agent', 'pending-customer', 'on-hold'], limit: 1 });
        const own = open.items[0] ?? (await createCase(adapter));
        const sup = await subject.supervisor!();
        const supViewer = await sup.viewer();
        expect(supViewer.permissions).to.include('read-account');
        const seen = await sup.getCase(own.id);
        expect(seen.id).to.equal(own.id);
        const account = await sup.listCases({ view: 'account', limit: 50 });
        for (const c of account.items) expect(c.account?.id).to.equal(supViewer.account?.id);
        const closeAs = schema.closeStatuses[0];
        if (closeAs) {
          await expectAdapterError(sup.transition(own.id, 'close', { status: closeAs, version: seen.version }), 'forbidden');
        }
      });
    });
  });
  // describe collects its tests synchronously: a skip left over names no test (a typo, a renamed test).
  if (skips.size) throw new Error(`runAdapterContract: skip names no test: ${[...skips.keys()].join('; ')}`);
}
