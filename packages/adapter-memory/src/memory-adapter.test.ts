import { expect, waitUntil } from '@open-wc/testing';
import { AdapterError, isParticipantChange, isStatusChange, STATUS_CATEGORIES, type AdapterEvent, type CaseInput, type CaseRecord, type Message } from '@case-portal/core';
import { MemoryAdapter, type MemoryAdapterOptions } from './memory-adapter.js';
import { DEMO_PEOPLE } from './people.js';
import { demoSchema } from './schema.js';
import { generateCases, seededCaseId } from './seed.js';
import { MemoryStorage } from './storage.js';

const T0 = Date.parse('2025-03-10T12:00:00Z');
let clock = T0;
const now = () => new Date(clock);
const HOUR = 3_600_000;

/** Story indices in seed.ts. */
const OVERDUE = seededCaseId(0);
const RESOLVED_2H = seededCaseId(2);
const RESOLVED_30H = seededCaseId(3);
const REOPENED_ONCE = seededCaseId(4);
const AWAITING_REPLY = seededCaseId(5);
const CLOSED_RATED = seededCaseId(6);
const CLOSED_3H = seededCaseId(7);
const MERGED = seededCaseId(9);
const LONG_THREAD = seededCaseId(12);
const TOMS_LINKED = seededCaseId(13);
const MEIS = seededCaseId(14);
const FOREIGN = seededCaseId(17);

const adapters: MemoryAdapter[] = [];
function make(opts: MemoryAdapterOptions = {}): MemoryAdapter {
  const a = new MemoryAdapter({ storage: null, now, ...opts });
  adapters.push(a);
  return a;
}

async function rejects(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(AdapterError);
    return e as AdapterError;
  }
  throw new Error('expected a rejection');
}

const input = (extra: Partial<CaseInput> = {}): CaseInput => ({
  subject: 'Printer on fire',
  description: 'Smoke everywhere',
  service: 'premium',
  fields: { product: 'router-x200' },
  ...extra,
});

async function allCases(a: MemoryAdapter, view?: 'mine' | 'account' | 'linked'): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  let cursor: string | null = null;
  do {
    const page = await a.listCases({ view, cursor, limit: 100 });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

beforeEach(() => {
  clock = T0;
});
afterEach(() => {
  for (const a of adapters.splice(0)) a.dispose();
});

describe('MemoryAdapter: seed', () => {
  it('has 64 cases in every status category and every origin, deterministically', () => {
    const ctx = { seed: 1, caseCount: 64, seededAt: T0, schema: demoSchema };
    const cases = generateCases(ctx);
    expect(cases).to.have.length(64);
    const byCategory = new Map<string, number>();
    for (const c of cases) byCategory.set(c.status.category, (byCategory.get(c.status.category) ?? 0) + 1);
    for (const cat of STATUS_CATEGORIES) expect(byCategory.get(cat) ?? 0, cat).to.be.above(0);
    expect(new Set(cases.map((c) => c.origin))).to.have.keys(['web', 'email', 'phone', 'chat', 'social']);
    expect(generateCases(ctx)).to.deep.equal(cases);
    expect(new Set(cases.map((c) => c.number)).size).to.equal(64);
    for (const c of cases) {
      expect(Date.parse(c.createdAt), c.id).to.be.at.most(Date.parse(c.updatedAt));
      expect(Date.parse(c.updatedAt), c.id).to.be.at.most(T0);
    }
  });

  it('has an overdue case, recent and old finished cases, a rated one and linked cases', async () => {
    const a = make();
    const overdue = await a.getCase(OVERDUE);
    expect(Date.parse(overdue.sla!.resolution!.dueAt)).to.be.below(T0);
    expect(overdue.sla!.resolution!.metAt).to.equal(null);
    expect((await a.getCase(RESOLVED_2H)).closedAt).to.equal(new Date(T0 - 2 * HOUR).toISOString());
    expect((await a.getCase(CLOSED_RATED)).feedback?.rating).to.equal(5);
    expect((await a.getCase(MERGED)).relatedIds).to.deep.equal([seededCaseId(10)]);
    const linked = await allCases(a, 'linked');
    expect(linked.map((c) => c.id)).to.include(TOMS_LINKED);
  });

  it('the supervisor sees account cases the customer does not', async () => {
    const customer = make();
    const supervisor = make({ viewerId: DEMO_PEOPLE.supervisor.id });
    const account = await allCases(supervisor, 'account');
    const customers = await allCases(customer);
    expect(account.length).to.be.above(customers.length);
    expect(account.map((c) => c.id)).to.include(MEIS);
    expect(customers.map((c) => c.id)).not.to.include(MEIS);
    expect((await rejects(customer.getCase(MEIS))).code).to.equal('not_found');
    expect((await supervisor.getCase(MEIS)).requester.id).to.equal(DEMO_PEOPLE.mei.id);
    expect((await allCases(customer, 'account')).length).to.equal(0);
  });

  it('never shows another company\'s case to anyone at Northwind', async () => {
    for (const p of [DEMO_PEOPLE.customer, DEMO_PEOPLE.supervisor, DEMO_PEOPLE.tom]) {
      const a = make({ viewerId: p.id });
      for (const view of [undefined, 'mine', 'account', 'linked'] as const) {
        const cases = await allCases(a, view);
        expect(cases.filter((c) => c.account?.id !== DEMO_PEOPLE.customer.account?.id), `${p.id} ${view}`).to.deep.equal([]);
      }
      expect((await rejects(a.getCase(FOREIGN))).code).to.equal('not_found');
      expect((await rejects(a.listMessages(FOREIGN))).code).to.equal('not_found');
      expect((await rejects(a.postMessage(FOREIGN, { body: 'hi' }))).code).to.equal('not_found');
    }
    expect((await make({ viewerId: DEMO_PEOPLE.outsider.id }).getCase(FOREIGN)).id).to.equal(FOREIGN);
  });

  // How fast is `npm run bench`'s business; this checks what 100,000 cases answer.
  it('seeds 100,000 cases and answers keyword and sorted queries on them', async function () {
    this.timeout(30_000);
    const a = make({ caseCount: 100_000, viewerId: DEMO_PEOPLE.supervisor.id });
    const page = await a.listCases({ keyword: 'router' });
    expect(page.total).to.be.above(1000);
    // Threads of bulk cases are generated on demand.
    const supervisorsLast = (await a.listCases({ view: 'account', sort: { key: 'number', dir: 'desc' }, limit: 1 })).items[0]!;
    expect((await a.listMessages(supervisorsLast.id)).total).to.be.above(0);
  });
});

describe('MemoryAdapter: idle warm-up', () => {
  // The index's internals, as the bench reads them: whether the warm-up got to the keyword bitmaps and the orders.
  const indexOf = (a: MemoryAdapter) => (a as unknown as { index: { keywordsIndexed: boolean; keyOrders: Map<string, unknown> } }).index;

  it('above 5,000 cases indexes the keywords, then builds every sortable key; new and changed cases are found by keyword', async function () {
    this.timeout(30_000);
    const a = make({ caseCount: 6000 });
    const sortable = (await a.describe()).sortable;
    await waitUntil(() => indexOf(a).keywordsIndexed && indexOf(a).keyOrders.size === sortable.length, 'the idle warm-up did not finish', { timeout: 20_000 });
    const before = (await a.listCases({ keyword: 'qz' })).total;
    const created = await a.createCase(input({ subject: 'Qzx7 printer', description: 'jk' }));
    expect(indexOf(a).keywordsIndexed, 'an added case is indexed at once').to.equal(true);
    expect((await a.listCases({ keyword: 'qz' })).total).to.equal(before + 1);
    expect((await a.listCases({ keyword: 'QZX7' })).items.map((c) => c.id)).to.deep.equal([created.id]);
    // Its text changes: the old pairs no longer find it, the new ones do.
    await a.updateCase(created.id, { version: created.version, changes: { subject: 'Vw9 scanner' } });
    expect((await a.listCases({ keyword: 'qzx7' })).total).to.equal(0);
    expect((await a.listCases({ keyword: 'qz' })).total).to.equal(before);
    expect((await a.listCases({ keyword: 'vw9' })).items.map((c) => c.id)).to.deep.equal([created.id]);
  });

  it('below 5,000 cases builds nothing: keywords are searched for in every text', async () => {
    const a = make({ caseCount: 200 });
    await new Promise((r) => setTimeout(r, 300));
    expect(indexOf(a).keywordsIndexed).to.equal(false);
    expect((await a.listCases({ keyword: 'router' })).total).to.be.above(0);
  });
});

describe('MemoryAdapter: persistence', () => {
  it('a second adapter on the same storage sees what the first created; reset() reseeds', async () => {
    const storage = new MemoryStorage();
    const a = make({ storage });
    const c = await a.createCase(input());
    await a.postMessage(c.id, { body: 'More details' });
    const b = make({ storage });
    expect((await b.getCase(c.id)).subject).to.equal('Printer on fire');
    expect((await b.listMessages(c.id)).items.map((m) => m.body)).to.deep.equal(['More details']);
    b.reset();
    expect((await rejects(b.getCase(c.id))).code).to.equal('not_found');
    // The first adapter notices the reset through storage.
    expect((await rejects(a.getCase(c.id))).code).to.equal('not_found');
  });

  it('keeps nothing with storage: null, and survives a corrupt snapshot', async () => {
    const a = make();
    const c = await a.createCase(input());
    expect((await rejects(make().getCase(c.id))).code).to.equal('not_found');
    const storage = new MemoryStorage();
    storage.setItem('case-portal:memory:v1', '{not json');
    expect((await make({ storage }).listCases({})).total).to.be.above(0);
  });

  it('stores only changes, so 100,000 seeded cases fit in storage', async function () {
    this.timeout(30_000);
    const storage = new MemoryStorage();
    const a = make({ storage, caseCount: 100_000 });
    await a.createCase(input());
    expect(storage.getItem('case-portal:memory:v1')!.length).to.be.below(20_000);
  });
});

describe('MemoryAdapter: createCase', () => {
  it('creates a new web case for the viewer with sequential numbers and SLA targets', async () => {
    const a = make();
    const c1 = await a.createCase(input());
    const c2 = await a.createCase(input({ service: null }));
    expect(c1.number).to.match(/^\d{8}$/);
    expect(Number(c2.number)).to.equal(Number(c1.number) + 1);
    expect(c1.status.id).to.equal('new');
    expect(c1.origin).to.equal('web');
    expect(c1.requester.id).to.equal(DEMO_PEOPLE.customer.id);
    expect(c1.account?.name).to.equal('Northwind Traders');
    expect(c1.version).to.equal(1);
    expect(c1.createdAt).to.equal(new Date(T0).toISOString());
    expect(c1.sla?.response?.dueAt).to.equal(new Date(T0 + HOUR).toISOString());
    expect(c1.sla?.resolution?.dueAt).to.equal(new Date(T0 + 24 * HOUR).toISOString());
    expect(c2.sla).to.equal(null);
    expect((await a.listCases({ view: 'mine', keyword: c1.number })).items[0]?.id).to.equal(c1.id);
  });

  it('answers bad input with field errors', async () => {
    const a = make();
    const e = await rejects(
      a.createCase({
        subject: '  ',
        description: '',
        service: 'gold',
        fields: { environment: 'moon', affected_users: -1, due_date: '31/12/2025', nope: 'x' },
      }),
    );
    expect(e.code).to.equal('validation');
    expect(e.fieldErrors).to.have.keys(['subject', 'service', 'product', 'environment', 'affected_users', 'due_date', 'nope']);
    expect((await a.listCases({ view: 'mine', keyword: 'moon' })).total).to.equal(0);
  });

  it('attaches previously uploaded files, once, and only the uploader\'s', async () => {
    const storage = new MemoryStorage();
    const a = make({ storage });
    const up = await a.uploadAttachment(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    const c = await a.createCase(input({ attachmentIds: [up.id] }));
    expect(c.attachments.map((x) => x.name)).to.deep.equal(['notes.txt']);
    expect(c.attachments[0]!.url).to.match(/^data:text\/plain;base64,/);
    expect((await rejects(a.createCase(input({ attachmentIds: [up.id] })))).fieldErrors).to.have.key('attachmentIds');

    const other = await a.uploadAttachment(new File(['x'], 'x.txt', { type: 'text/plain' }));
    const tom = make({ storage, viewerId: DEMO_PEOPLE.tom.id });
    expect((await rejects(tom.createCase(input({ attachmentIds: [other.id] })))).code).to.equal('validation');
  });

  it('is idempotent per key, across instances sharing storage', async () => {
    const storage = new MemoryStorage();
    const a = make({ storage });
    const before = (await a.listCases({ view: 'mine' })).total;
    const first = await a.createCase(input(), { idempotencyKey: 'k1' });
    const again = await a.createCase(input({ subject: 'different' }), { idempotencyKey: 'k1' });
    const elsewhere = await make({ storage }).createCase(input(), { idempotencyKey: 'k1' });
    expect(again).to.deep.equal(first);
    expect(elsewhere.id).to.equal(first.id);
    expect((await a.listCases({ view: 'mine' })).total).to.equal(before + 1);
  });

  it('is forbidden without the create permission', async () => {
    const a = make({ viewer: { ...DEMO_PEOPLE.customer, permissions: ['read'] } });
    expect((await rejects(a.createCase(input()))).code).to.equal('forbidden');
  });
});

describe('MemoryAdapter: updateCase', () => {
  it('changes editable fields, bumping version and updatedAt', async () => {
    const a = make();
    const c = await a.createCase(input());
    clock += 60_000;
    const u = await a.updateCase(c.id, { version: 1, changes: { serial_number: 'SN-1', priority: 'high' } });
    expect(u.version).to.equal(2);
    expect(u.updatedAt).to.equal(new Date(clock).toISOString());
    expect(u.fields.serial_number).to.equal('SN-1');
    expect(u.priority).to.equal('high');
    const same = await a.updateCase(c.id, { version: 2, changes: { serial_number: 'SN-1' } });
    expect(same.version).to.equal(2);
  });

  it('rejects a stale version as a conflict and non-editable fields as validation', async () => {
    const a = make();
    const c = await a.createCase(input());
    await a.updateCase(c.id, { version: 1, changes: { subject: 'Renamed' } });
    expect((await rejects(a.updateCase(c.id, { version: 1, changes: { subject: 'Again' } }))).code).to.equal('conflict');
    const e = await rejects(a.updateCase(c.id, { version: 2, changes: { contract_id: 'X', product: 'toaster' } }));
    expect(e.code).to.equal('validation');
    expect(e.fieldErrors).to.have.keys(['contract_id', 'product']);
  });

  it('changes only the built-in keys the schema lists in editableBuiltins', async () => {
    const a = make();
    const c = await a.createCase(input());
    // The demo schema lets the customer change subject and priority, not the category.
    const e = await rejects(a.updateCase(c.id, { version: 1, changes: { category: demoSchema.categories[1]!.value, subject: 'Still fine' } }));
    expect(e.code).to.equal('validation');
    expect(e.fieldErrors).to.deep.equal({ category: 'Not editable.' });
    expect((await a.getCase(c.id)).version).to.equal(1);

    const other = make({ schema: { editableBuiltins: ['category'] } });
    const d = await other.createCase(input());
    const changed = await other.updateCase(d.id, { version: 1, changes: { category: demoSchema.categories[1]!.value } });
    expect(changed.category).to.equal(demoSchema.categories[1]!.value);
    const refused = await rejects(other.updateCase(d.id, { version: 2, changes: { subject: 'Renamed', priority: 'high' } }));
    expect(refused.fieldErrors).to.deep.equal({ subject: 'Not editable.', priority: 'Not editable.' });

    const none = make({ schema: { editableBuiltins: [] } });
    const n = await none.createCase(input());
    expect((await rejects(none.updateCase(n.id, { version: 1, changes: { subject: 'Renamed' } }))).fieldErrors).to.deep.equal({ subject: 'Not editable.' });
  });

  it('is forbidden on someone else\'s case and on finished cases; not found on foreign ones', async () => {
    const supervisor = make({ viewerId: DEMO_PEOPLE.supervisor.id });
    const meis = await supervisor.getCase(MEIS);
    expect((await rejects(supervisor.updateCase(MEIS, { version: meis.version, changes: { subject: 'x' } }))).code).to.equal('forbidden');
    const a = make();
    const closed = await a.getCase(CLOSED_3H);
    expect((await rejects(a.updateCase(CLOSED_3H, { version: closed.version, changes: { subject: 'x' } }))).code).to.equal('forbidden');
    expect((await rejects(a.updateCase(FOREIGN, { version: 1, changes: {} }))).code).to.equal('not_found');
    expect((await rejects(a.updateCase('case-nope', { version: 1, changes: {} }))).code).to.equal('not_found');
  });
});

describe('MemoryAdapter: transition', () => {
  it('closes with status, reason and comment, recording the history', async () => {
    const a = make();
    const c = await a.createCase(input());
    clock += HOUR;
    const closed = await a.transition(c.id, 'close', { status: 'closed', reason: 'solved', comment: 'Thanks!', version: 1 });
    expect(closed.status.id).to.equal('closed');
    expect(closed.closedAt).to.equal(new Date(clock).toISOString());
    expect(closed.version).to.equal(2);
    expect(closed.sla?.resolution?.metAt).to.equal(closed.closedAt);
    const msgs = (await a.listMessages(c.id)).items;
    expect(msgs.map((m) => m.kind)).to.deep.equal(['event', 'comment']);
    expect(msgs[0]!.event?.from?.id).to.equal('new');
    expect(msgs[0]!.event?.to.id).to.equal('closed');
    expect(msgs[0]!.body).to.equal('My issue is solved');
    expect(msgs[1]!.body).to.equal('Thanks!');
  });

  it('validates the close status and reason, and the version', async () => {
    const a = make();
    const c = await a.createCase(input());
    expect((await rejects(a.transition(c.id, 'close', { status: 'open' }))).fieldErrors).to.have.key('status');
    expect((await rejects(a.transition(c.id, 'close', { reason: 'bored' }))).fieldErrors).to.have.key('reason');
    expect((await rejects(a.transition(c.id, 'close', { version: 7 }))).code).to.equal('conflict');
    expect((await a.getCase(c.id)).version).to.equal(1);
  });

  it('reopens within the window, once', async () => {
    const a = make();
    const r = await a.transition(RESOLVED_2H, 'reopen', {});
    expect(r.status.id).to.equal('reopened');
    expect(r.reopenCount).to.equal(1);
    expect(r.closedAt).to.equal(null);
    const closedAgain = await a.transition(RESOLVED_2H, 'close', { status: 'resolved' });
    expect(closedAgain.status.category).to.equal('resolved');
    const e = await rejects(a.transition(RESOLVED_2H, 'reopen', {}));
    expect(e.code).to.equal('forbidden');
    expect(e.backendMessage).to.contain('reopen-limit-reached');
    expect((await rejects(a.transition(REOPENED_ONCE, 'reopen', {}))).code).to.equal('forbidden');
    expect((await rejects(a.transition(RESOLVED_30H, 'reopen', {}))).backendMessage).to.contain('reopen-window-passed');
  });

  it('denies reopening once the window has passed', async () => {
    const a = make();
    clock += 5 * HOUR; // resolved 7 hours ago now
    expect((await rejects(a.transition(RESOLVED_2H, 'reopen', {}))).code).to.equal('forbidden');
  });

  it('cancels; a canceled case takes complaints but no replies', async () => {
    const a = make();
    const c = await a.createCase(input());
    const canceled = await a.transition(c.id, 'cancel', {});
    expect(canceled.status.id).to.equal('canceled');
    expect((await rejects(a.postMessage(c.id, { body: 'hello?' }))).code).to.equal('forbidden');
    const complaint = await a.postMessage(c.id, { body: 'Why was this canceled?', kind: 'complaint' });
    expect(complaint.kind).to.equal('complaint');
    expect((await rejects(a.transition(c.id, 'cancel', {}))).code).to.equal('forbidden');
  });

  it('is idempotent per key', async () => {
    const a = make();
    const c = await a.createCase(input());
    const once = await a.transition(c.id, 'close', {}, { idempotencyKey: 't1' });
    const twice = await a.transition(c.id, 'close', {}, { idempotencyKey: 't1' });
    expect(twice).to.deep.equal(once);
    expect((await a.listMessages(c.id)).total).to.equal(1);
  });
});

describe('MemoryAdapter: messages', () => {
  it('pages the newest first, each page in chronological order, public messages only', async () => {
    const a = make();
    const p1 = await a.listMessages(LONG_THREAD);
    expect(p1.items).to.have.length(50);
    expect(p1.total).to.be.above(50);
    const times = p1.items.map((m) => Date.parse(m.createdAt));
    expect(times).to.deep.equal([...times].sort((x, y) => x - y));
    const p2 = await a.listMessages(LONG_THREAD, { cursor: p1.nextCursor });
    expect(p2.items.length).to.equal(p1.total - 50);
    expect(Date.parse(p2.items.at(-1)!.createdAt)).to.be.at.most(times[0]!);
    expect(p2.nextCursor).to.equal(null);
    expect([...p1.items, ...p2.items].every((m) => m.public)).to.equal(true);
    const small = await a.listMessages(LONG_THREAD, { limit: 5 });
    expect(small.items.map((m) => m.id)).to.deep.equal(p1.items.slice(-5).map((m) => m.id));
  });

  it('posts a customer comment on the web channel, bumping the case', async () => {
    const a = make();
    const before = await a.getCase(OVERDUE);
    const m = await a.postMessage(OVERDUE, { body: '  Still broken  ' });
    expect(m.body).to.equal('Still broken');
    expect(m.author).to.deep.include({ id: DEMO_PEOPLE.customer.id, role: 'customer' });
    expect(m.channel).to.equal('web');
    expect(m.public).to.equal(true);
    const after = await a.getCase(OVERDUE);
    expect(after.version).to.equal(before.version + 1);
    expect((await a.listMessages(OVERDUE)).items.at(-1)!.id).to.equal(m.id);
    expect((await rejects(a.postMessage(OVERDUE, { body: '   ' }))).fieldErrors).to.have.key('body');
  });

  it('a reply to "awaiting your reply" hands the case back to the agent', async () => {
    const a = make();
    await a.postMessage(AWAITING_REPLY, { body: 'Log level 3' });
    const c = await a.getCase(AWAITING_REPLY);
    expect(c.status.id).to.equal('pending-agent');
    expect((await a.listMessages(AWAITING_REPLY)).items.at(-1)!.event?.to.id).to.equal('pending-agent');
  });

  it('is idempotent per key', async () => {
    const a = make();
    const m1 = await a.postMessage(OVERDUE, { body: 'once' }, { idempotencyKey: 'm' });
    const m2 = await a.postMessage(OVERDUE, { body: 'once' }, { idempotencyKey: 'm' });
    expect(m2).to.deep.equal(m1);
    expect((await a.listMessages(OVERDUE)).items.filter((m) => m.body === 'once')).to.have.length(1);
  });
});

/** The status entries of a case's history (the participant entries have their own tests). */
const statusesOf = async (a: MemoryAdapter, id: string) => (await a.listHistory(id)).filter(isStatusChange);

describe('MemoryAdapter: history', () => {
  it('derives a seeded case\'s history from its status events, starting with the status it was created in', async () => {
    const a = make();
    const c = await a.getCase(CLOSED_3H);
    const history = await statusesOf(a, CLOSED_3H);
    expect(history.map((h) => [h.from?.id ?? null, h.to.id])).to.deep.equal([
      [null, 'new'],
      ['new', 'open'],
      ['open', 'closed'],
    ]);
    expect(history[0]!.at).to.equal(c.createdAt);
    expect(history[0]!.by).to.equal(undefined);
    expect(history[1]!.by?.role).to.equal('agent');
    expect(history[2]!.reason).to.equal(undefined);
  });

  it('records transitions with who and why, and a reply that hands the case back', async () => {
    const a = make();
    const c = await a.createCase(input());
    expect(await statusesOf(a, c.id)).to.deep.equal([{ at: c.createdAt, from: null, to: c.status }]);
    clock += HOUR;
    await a.transition(c.id, 'close', { status: 'resolved', reason: 'workaround', comment: 'Thanks' });
    clock += HOUR;
    await a.transition(c.id, 'reopen', {});
    const history = await statusesOf(a, c.id);
    expect(history.map((h) => h.to.id)).to.deep.equal(['new', 'resolved', 'reopened']);
    expect(history[1]).to.deep.include({ at: new Date(T0 + HOUR).toISOString(), reason: 'I found a workaround' });
    expect(history[1]!.by).to.deep.include({ id: DEMO_PEOPLE.customer.id, role: 'customer' });
    expect(history[2]!.reason).to.equal(undefined);

    await a.postMessage(AWAITING_REPLY, { body: 'Here you are' });
    const handedBack = (await statusesOf(a, AWAITING_REPLY)).at(-1)!;
    expect([handedBack.from?.id, handedBack.to.id, handedBack.by?.role]).to.deep.equal(['pending-customer', 'pending-agent', 'system']);
  });

  it('starts and ends right for every seeded case, and hides other people\'s cases', async () => {
    const a = make();
    for (const c of await allCases(a)) {
      const history = await statusesOf(a, c.id);
      expect(history[0]!.from, c.id).to.equal(null);
      expect(history[0]!.at, c.id).to.equal(c.createdAt);
      expect(history.at(-1)!.to.id, c.id).to.equal(c.status.id);
      for (let i = 1; i < history.length; i++) expect(history[i]!.from?.id, c.id).to.equal(history[i - 1]!.to.id);
    }
    expect((await rejects(a.listHistory(FOREIGN))).code).to.equal('not_found');
  });
  it('records who copied whom: on creation, add and remove, between the status changes of the same instant', async () => {
    const storage = new MemoryStorage();
    const a = make({ storage, storageKey: 'history-participants' });
    const c = await a.createCase({ ...input(), participants: [{ email: DEMO_PEOPLE.mei.email! }] });
    await a.addParticipant(c.id, { id: DEMO_PEOPLE.tom.id });
    await a.transition(c.id, 'close', { status: 'resolved' });
    await a.removeParticipant(c.id, DEMO_PEOPLE.mei.id);
    const alex = { id: DEMO_PEOPLE.customer.id, name: DEMO_PEOPLE.customer.name, role: 'customer' };
    const mei = { id: DEMO_PEOPLE.mei.id, name: DEMO_PEOPLE.mei.name, email: DEMO_PEOPLE.mei.email! };
    const tom = { id: DEMO_PEOPLE.tom.id, name: DEMO_PEOPLE.tom.name, email: DEMO_PEOPLE.tom.email };
    const at = now().toISOString();
    const expected = [
      { at, from: null, to: c.status },
      { kind: 'participant-added', at, by: alex, person: mei },
      { kind: 'participant-added', at, by: alex, person: tom },
      'resolved',
      { kind: 'participant-removed', at, by: alex, person: mei },
    ];
    const history = await a.listHistory(c.id);
    expect(history.map((h) => (isStatusChange(h) && h.from ? h.to.id : h))).to.deep.equal(expected);
    // Kept with the rest of the state: another adapter on the same storage reads the same history.
    expect(await make({ storage, storageKey: 'history-participants' }).listHistory(c.id)).to.deep.equal(history);
  });

  it('shows a person copied the names of the others, their own address only', async () => {
    const storage = new MemoryStorage();
    const a = make({ storage, storageKey: 'history-redacted' });
    const c = await a.createCase({ ...input(), participants: [{ email: DEMO_PEOPLE.mei.email! }, { email: DEMO_PEOPLE.tom.email! }] });
    const tomSees = (await make({ storage, storageKey: 'history-redacted', viewerId: DEMO_PEOPLE.tom.id }).listHistory(c.id)).filter(isParticipantChange);
    expect(tomSees.map((h) => h.person)).to.deep.equal([
      { id: DEMO_PEOPLE.mei.id, name: DEMO_PEOPLE.mei.name },
      { id: DEMO_PEOPLE.tom.id, name: DEMO_PEOPLE.tom.name, email: DEMO_PEOPLE.tom.email },
    ]);
    expect(tomSees.every((h) => h.by.email === undefined)).to.equal(true);
  });
});

describe('MemoryAdapter: files', () => {
  const upload = (a: MemoryAdapter, name: string) => a.uploadAttachment(new File([name], name, { type: 'text/plain' }));

  it('lists the case\'s files and those of its public messages, oldest first', async () => {
    const a = make();
    const first = await upload(a, 'first.txt');
    const c = await a.createCase(input({ attachmentIds: [first.id] }));
    clock += 60_000;
    const second = await upload(a, 'second.txt');
    const m = await a.postMessage(c.id, { body: 'Log attached', attachmentIds: [second.id] });
    clock += 60_000;
    const third = await upload(a, 'third.txt');
    await a.addFiles(c.id, { attachmentIds: [third.id] });
    const files = await a.listFiles(c.id);
    expect(files.map((f) => f.name)).to.deep.equal(['first.txt', 'second.txt', 'third.txt']);
    expect(files.map((f) => f.messageId ?? null)).to.deep.equal([null, m.id, null]);
    const { id, name, email } = DEMO_PEOPLE.customer;
    expect(files[1]!.addedBy, 'the author, without a role').to.deep.equal({ id, name, email });
    expect(files.map((f) => f.createdAt)).to.deep.equal([T0, T0 + 60_000, T0 + 120_000].map((t) => new Date(t).toISOString()));
  });

  it('includes the seeded files of the conversation', async () => {
    const a = make();
    let found = false;
    for (const c of await allCases(a)) {
      const withFiles = (await a.listMessages(c.id, { limit: 200 })).items.filter((m) => m.attachments.length);
      if (!withFiles.length) continue;
      const files = await a.listFiles(c.id);
      expect(files.filter((f) => f.messageId).map((f) => f.messageId)).to.deep.equal(withFiles.flatMap((m) => m.attachments.map(() => m.id)));
      expect(files.length).to.equal(c.attachments.length + withFiles.reduce((n, m) => n + m.attachments.length, 0));
      found = true;
    }
    expect(found, 'some seeded message has a file').to.equal(true);
  });

  it('never lists files of internal messages', async () => {
    const storage = new MemoryStorage();
    const a = make({ storage });
    const c = await a.createCase(input());
    const note = await upload(a, 'internal.txt');
    await a.postMessage(c.id, { body: 'An agent note with a file', attachmentIds: [note.id] });
    const shown = await upload(a, 'shown.txt');
    await a.postMessage(c.id, { body: 'A reply with a file', attachmentIds: [shown.id] });
    // Make the first message an internal note, as an agent's backend would store it.
    const snapshot = JSON.parse(storage.getItem('case-portal:memory:v1')!) as { messages: Record<string, Message[]> };
    snapshot.messages[c.id]![0]!.public = false;
    storage.setItem('case-portal:memory:v1', JSON.stringify(snapshot));
    const b = make({ storage });
    expect((await b.listMessages(c.id)).items.map((m) => m.body)).to.deep.equal(['A reply with a file']);
    expect((await b.listFiles(c.id)).map((f) => f.name)).to.deep.equal(['shown.txt']);
  });

  it('attaches uploads to the case: version, event, idempotency; each upload once', async () => {
    const a = make();
    const c = await a.createCase(input());
    const events: AdapterEvent[] = [];
    a.subscribe({ caseId: c.id }, (e) => events.push(e));
    clock += 60_000;
    const up = await upload(a, 'photo.txt');
    const added = await a.addFiles(c.id, { attachmentIds: [up.id] }, { idempotencyKey: 'f1' });
    expect(added.version).to.equal(2);
    expect(added.updatedAt).to.equal(new Date(clock).toISOString());
    expect(added.attachments.map((x) => [x.id, x.createdAt])).to.deep.equal([[up.id, new Date(clock).toISOString()]]);
    expect(events).to.deep.equal([{ type: 'case-changed', caseId: c.id }]);
    expect(await a.addFiles(c.id, { attachmentIds: [up.id] }, { idempotencyKey: 'f1' })).to.deep.equal(added);
    expect((await a.getCase(c.id)).attachments).to.have.length(1);
    // Without the key it is a new request, and the upload is already attached.
    expect((await rejects(a.addFiles(c.id, { attachmentIds: [up.id] }))).fieldErrors).to.have.key('attachmentIds');
  });

  it('validates the ids and follows the policy', async () => {
    const storage = new MemoryStorage();
    const a = make({ storage });
    const c = await a.createCase(input());
    const field = async (p: Promise<unknown>) => (await rejects(p)).fieldErrors?.attachmentIds;
    expect(await field(a.addFiles(c.id, { attachmentIds: [] }))).to.equal('Required.');
    expect(await field(a.addFiles(c.id, { attachmentIds: ['att-nope'] }))).to.equal('Unknown attachment.');
    const up = await upload(a, 'twice.txt');
    expect(await field(a.addFiles(c.id, { attachmentIds: [up.id, up.id] }))).to.equal('Each file once.');
    const many = await Promise.all(Array.from({ length: demoSchema.limits.maxAttachmentsPerMessage + 1 }, (_, i) => upload(a, `f${i}.txt`)));
    expect(await field(a.addFiles(c.id, { attachmentIds: many.map((x) => x.id) }))).to.match(/^At most/);
    const toms = await upload(make({ storage, viewerId: DEMO_PEOPLE.tom.id }), 'toms.txt');
    expect(await field(a.addFiles(c.id, { attachmentIds: [toms.id] }))).to.equal('Unknown attachment.');
    expect((await a.getCase(c.id)).version).to.equal(1);

    expect((await rejects(a.addFiles(CLOSED_3H, { attachmentIds: [up.id] }))).code).to.equal('forbidden');
    expect((await rejects(a.addFiles(FOREIGN, { attachmentIds: [up.id] }))).code).to.equal('not_found');
    const off = make({ schema: { features: { ...demoSchema.features, attachments: false } } });
    expect((await rejects(off.addFiles(OVERDUE, { attachmentIds: ['x'] }))).backendMessage).to.contain('feature-off');
    // The upload was never consumed by the refused calls.
    expect((await a.addFiles(c.id, { attachmentIds: [up.id] })).attachments.map((x) => x.id)).to.deep.equal([up.id]);
  });
});

describe('MemoryAdapter: feedback', () => {
  it('accepts one whole-number rating from 1 to 5 on a finished case', async () => {
    const a = make();
    for (const rating of [0, 6, 3.5, Number.NaN]) {
      expect((await rejects(a.submitFeedback(CLOSED_3H, { rating }))).fieldErrors, String(rating)).to.have.key('rating');
    }
    const c = await a.submitFeedback(CLOSED_3H, { rating: 4, comment: 'Good' }, { idempotencyKey: 'f' });
    expect(c.feedback).to.deep.include({ rating: 4, comment: 'Good' });
    expect((await a.submitFeedback(CLOSED_3H, { rating: 1 }, { idempotencyKey: 'f' })).feedback?.rating).to.equal(4);
    expect((await rejects(a.submitFeedback(CLOSED_3H, { rating: 2 }))).code).to.equal('forbidden');
    expect((await rejects(a.submitFeedback(OVERDUE, { rating: 5 }))).code).to.equal('forbidden');
  });
});

describe('MemoryAdapter: uploads', () => {
  it('checks size and type before reading, then reports progress', async () => {
    const a = make({ schema: { limits: { ...demoSchema.limits, maxAttachmentBytes: 1000 } } });
    const big = new File([new Uint8Array(1001)], 'big.pdf', { type: 'application/pdf' });
    expect((await rejects(a.uploadAttachment(big))).code).to.equal('too_large');
    const html = new File(['<script>alert(1)</script>'], 'page.html', { type: 'text/html' });
    expect((await rejects(a.uploadAttachment(html))).code).to.equal('unsupported_type');
    const svg = new File(['<svg/>'], 'logo.svg', { type: 'image/svg+xml' });
    expect((await rejects(a.uploadAttachment(svg))).code).to.equal('unsupported_type');

    const progress: [number, number][] = [];
    const ok = await a.uploadAttachment(new File(['a,b\n1,2'], 'data.csv', { type: 'text/csv' }), {
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });
    expect(progress.length).to.be.at.least(3);
    expect(progress.at(-1)).to.deep.equal([7, 7]);
    expect(ok).to.deep.include({ name: 'data.csv', size: 7, type: 'text/csv' });
  });

  it('keeps big files as session blob: URLs and serves unsafe types as downloads', async () => {
    const a = make({ schema: { limits: { ...demoSchema.limits, allowedTypes: [] } } });
    const big = await a.uploadAttachment(new File([new Uint8Array(300 * 1024)], 'dump.zip', { type: 'application/zip' }));
    expect(big.url).to.match(/^blob:/);
    const html = await a.uploadAttachment(new File(['<b>x</b>'], 'x.html', { type: 'text/html' }));
    expect(html.url).to.match(/^data:application\/octet-stream/);
  });

  it('attaches uploads to a message', async () => {
    const a = make();
    const up = await a.uploadAttachment(new File(['log'], 'router.log', { type: '' }));
    const m = await a.postMessage(OVERDUE, { body: '', attachmentIds: [up.id] });
    expect(m.attachments.map((x) => x.id)).to.deep.equal([up.id]);
  });
});

describe('MemoryAdapter: abort and latency', () => {
  it('rejects with AbortError before and during the simulated latency, writing nothing', async () => {
    const a = make({ latencyMs: 50 });
    const pre = new AbortController();
    pre.abort();
    const e1 = await a.getCase(OVERDUE, { signal: pre.signal }).catch((e: unknown) => e);
    expect((e1 as DOMException).name).to.equal('AbortError');

    const before = (await a.listCases({ view: 'mine' })).total;
    const ctl = new AbortController();
    const pending = a.createCase(input(), { signal: ctl.signal }).catch((e: unknown) => e);
    setTimeout(() => ctl.abort(), 10);
    expect(((await pending) as DOMException).name).to.equal('AbortError');
    expect((await a.listCases({ view: 'mine' })).total).to.equal(before);

    const up = new AbortController();
    const uploading = a.uploadAttachment(new File(['x'], 'x.txt', { type: 'text/plain' }), { signal: up.signal }).catch((e: unknown) => e);
    setTimeout(() => up.abort(), 20);
    expect(((await uploading) as DOMException).name).to.equal('AbortError');
  });
});

describe('MemoryAdapter: subscribe', () => {
  it('notifies about its own writes, filtered by case', async () => {
    const a = make();
    const all: AdapterEvent[] = [];
    const one: AdapterEvent[] = [];
    const offAll = a.subscribe({}, (e) => all.push(e));
    a.subscribe({ caseId: AWAITING_REPLY }, (e) => one.push(e));
    const m = await a.postMessage(OVERDUE, { body: 'ping' });
    expect(all.map((e) => e.type)).to.deep.equal(['message-added', 'case-changed']);
    expect((all[0] as { message: Message }).message.id).to.equal(m.id);
    expect(one).to.deep.equal([]);
    offAll();
    await a.postMessage(OVERDUE, { body: 'pong' });
    expect(all).to.have.length(2);
  });

  it('hears writes made by another instance (another tab) on the same storage key', async () => {
    const storage = new MemoryStorage();
    const writer = make({ storage, storageKey: 'cross-tab-test' });
    const reader = make({ storage, storageKey: 'cross-tab-test' });
    const outsider = make({ storage, storageKey: 'cross-tab-test', viewerId: DEMO_PEOPLE.outsider.id });
    const heard: AdapterEvent[] = [];
    const outsiderHeard: AdapterEvent[] = [];
    reader.subscribe({ caseId: OVERDUE }, (e) => heard.push(e));
    outsider.subscribe({}, (e) => outsiderHeard.push(e));
    const m = await writer.postMessage(OVERDUE, { body: 'from the other tab' });
    await waitUntil(() => heard.length >= 2, 'no cross-tab event');
    const added = heard.find((e) => e.type === 'message-added');
    expect(added && added.type === 'message-added' && added.message.id).to.equal(m.id);
    // The reader reloaded before emitting: what it reports is already readable.
    expect((await reader.listMessages(OVERDUE)).items.at(-1)!.id).to.equal(m.id);
    expect(outsiderHeard).to.deep.equal([]);
  });
});

describe('MemoryAdapter: agentReply (the demo help desk)', () => {
  it('posts as the case owner, asks the customer, meets the response deadline and notifies', async () => {
    const a = make();
    const before = await a.getCase(OVERDUE);
    const heard: AdapterEvent[] = [];
    a.subscribe({ caseId: OVERDUE }, (e) => heard.push(e));
    const m = await a.agentReply(OVERDUE, '  Could you send the router log?  ', { kind: 'email' });
    expect(m.author.role).to.equal('agent');
    expect(m.author.id).to.equal(before.owner?.id ?? 'a-sam');
    expect(m.kind).to.equal('email');
    expect(m.channel).to.equal('email');
    expect(m.body).to.equal('Could you send the router log?');
    const after = await a.getCase(OVERDUE);
    expect(after.status.category).to.equal('pending-customer');
    expect(after.version).to.equal(before.version + 1);
    if (before.sla?.response && !before.sla.response.metAt) expect(after.sla?.response?.metAt).to.be.a('string');
    expect(heard.map((e) => e.type)).to.deep.equal(['message-added', 'message-added', 'case-changed']);
    expect((await a.listMessages(OVERDUE)).items.some((x) => x.id === m.id)).to.equal(true);
  });

  it('refuses a finished case', async () => {
    const e = await rejects(make().agentReply(CLOSED_3H, 'Too late'));
    expect(e.code).to.equal('validation');
  });
});
