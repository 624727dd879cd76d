import { expect } from '@open-wc/testing';
import { availableActions, canRead, participantLimit, redactAuthors, redactContacts, redactHistory, reopenDeadline } from './policy.js';
import type { CaseRecord, ParticipantRight, Permission, PortalSchema, StatusCategory, Viewer } from './model.js';

const NOW = new Date('2026-03-10T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000).toISOString();

const schema: PortalSchema = {
  statuses: [
    { id: 'new', label: 'New', category: 'new' },
    { id: 'open', label: 'Open', category: 'open' },
    { id: 'waiting', label: 'Awaiting your reply', category: 'pending-customer' },
    { id: 'resolved', label: 'Resolved', category: 'resolved' },
    { id: 'closed', label: 'Closed', category: 'closed' },
    { id: 'canceled', label: 'Canceled', category: 'canceled' },
    { id: 'reopened', label: 'Re-opened', category: 'open' },
  ],
  origins: [],
  priorities: [],
  categories: [],
  services: [],
  fields: [{ key: 'contract', label: 'Contract', type: 'text', editable: true }],
  columns: [],
  filters: [],
  sortable: [],
  views: ['mine'],
  closeStatuses: ['closed'],
  closeReasons: [{ value: 'solved', label: 'Solved' }],
  cancelStatus: 'canceled',
  reopenStatus: 'reopened',
  reopen: { fromCategories: ['resolved', 'pending-customer'], windowHours: 6, maxCount: 1 },
  stages: [],
  features: {
    create: true,
    update: true,
    close: true,
    cancel: true,
    reopen: true,
    complain: true,
    feedback: true,
    attachments: true,
    backendMessages: false,
  },
  limits: { maxAttachmentBytes: 1000, allowedTypes: [], maxAttachmentsPerMessage: 5, pageSize: 25 },
};

const ALL: Permission[] = ['read', 'create', 'reply', 'update', 'close', 'cancel', 'reopen', 'complain', 'feedback'];
const customer: Viewer = { id: 'u1', name: 'Ada', account: { id: 'a1', name: 'Acme' }, permissions: ALL };
const supervisor: Viewer = {
  id: 'u2',
  name: 'Sam',
  account: { id: 'a1', name: 'Acme' },
  permissions: [...ALL, 'read-account'],
};

function makeCase(category: StatusCategory, extra: Partial<CaseRecord> = {}): CaseRecord {
  const status = schema.statuses.find((s) => s.category === category)!;
  return {
    id: 'c1',
    number: '00000001',
    subject: 'Printer on fire',
    description: '',
    status,
    origin: 'web',
    requester: { id: 'u1', name: 'Ada' },
    account: { id: 'a1', name: 'Acme' },
    createdAt: hoursAgo(48),
    updatedAt: hoursAgo(1),
    closedAt: null,
    reopenCount: 0,
    fields: {},
    attachments: [],
    version: 1,
    ...extra,
  };
}

const act = (c: CaseRecord, v: Viewer = customer, s: PortalSchema = schema) => availableActions(c, v, s, NOW);

describe('lifecycle policy', () => {
  it('allows reply, update, close and cancel on an open case of my own', () => {
    const a = act(makeCase('open'));
    expect(a.reply.allowed).to.be.true;
    expect(a.update.allowed).to.be.true;
    expect(a.close.allowed).to.be.true;
    expect(a.cancel.allowed).to.be.true;
    expect(a.attach.allowed).to.be.true;
  });

  it('refuses close without a configured close-as status', () => {
    const a = act(makeCase('open'), customer, { ...schema, closeStatuses: [] });
    expect(a.close).to.deep.equal({ allowed: false, reason: 'no-close-status' });
  });

  it('refuses cancel without a configured cancel status', () => {
    const a = act(makeCase('open'), customer, { ...schema, cancelStatus: null });
    expect(a.cancel).to.deep.equal({ allowed: false, reason: 'no-cancel-status' });
  });

  it('allows no replies on closed or canceled cases, but complaints on closed, resolved and canceled', () => {
    for (const cat of ['closed', 'canceled'] as const) {
      const a = act(makeCase(cat, { closedAt: hoursAgo(1) }));
      expect(a.reply, cat).to.deep.equal({ allowed: false, reason: 'case-finished' });
      expect(a.complain.allowed, cat).to.be.true;
    }
    expect(act(makeCase('resolved')).complain.allowed).to.be.true;
  });

  it('reopens only from configured categories', () => {
    expect(act(makeCase('resolved', { closedAt: hoursAgo(1) })).reopen.allowed).to.be.true;
    expect(act(makeCase('pending-customer')).reopen.allowed).to.be.true;
    expect(act(makeCase('closed', { closedAt: hoursAgo(1) })).reopen).to.deep.equal({
      allowed: false,
      reason: 'not-reopenable-status',
    });
    expect(act(makeCase('open')).reopen.allowed).to.be.false;
  });

  it('reopens only within the window after closing, and says how long it is', () => {
    expect(act(makeCase('resolved', { closedAt: hoursAgo(5.9) })).reopen.allowed).to.be.true;
    expect(act(makeCase('resolved', { closedAt: hoursAgo(6.1) })).reopen).to.deep.equal({
      allowed: false,
      reason: 'reopen-window-passed',
      params: { hours: 6 },
    });
  });

  it('reopens at most the configured number of times', () => {
    expect(act(makeCase('resolved', { closedAt: hoursAgo(1), reopenCount: 1 })).reopen).to.deep.equal({
      allowed: false,
      reason: 'reopen-limit-reached',
      params: { count: 1 },
    });
    const unlimited = { ...schema, reopen: { ...schema.reopen, maxCount: 0, windowHours: 0 } };
    expect(act(makeCase('resolved', { closedAt: hoursAgo(500), reopenCount: 7 }), customer, unlimited).reopen.allowed).to
      .be.true;
  });

  it('gives the reopen deadline, or none without a window', () => {
    const c = makeCase('resolved', { closedAt: hoursAgo(1) });
    expect(reopenDeadline(c, schema)?.toISOString()).to.equal(new Date(NOW.getTime() + 5 * 3_600_000).toISOString());
    expect(reopenDeadline(c, { ...schema, reopen: { ...schema.reopen, windowHours: 0 } })).to.equal(null);
  });

  it('allows feedback only after resolved, closed or canceled, and only once', () => {
    expect(act(makeCase('open')).feedback).to.deep.equal({ allowed: false, reason: 'not-finished' });
    for (const cat of ['resolved', 'closed', 'canceled'] as const) {
      expect(act(makeCase(cat)).feedback.allowed, cat).to.be.true;
    }
    const rated = makeCase('closed', { feedback: { rating: 5, submittedAt: hoursAgo(1) } });
    expect(act(rated).feedback).to.deep.equal({ allowed: false, reason: 'feedback-given' });
  });

  it('switches actions off by feature toggle, whatever the permissions', () => {
    const off = {
      ...schema,
      features: { ...schema.features, update: false, close: false, cancel: false, reopen: false, complain: false, feedback: false, attachments: false },
    };
    const a = act(makeCase('resolved', { closedAt: hoursAgo(1) }), customer, off);
    for (const k of ['update', 'close', 'cancel', 'reopen', 'complain', 'feedback', 'attach'] as const) {
      expect(a[k], k).to.deep.equal({ allowed: false, reason: 'feature-off' });
    }
  });

  it('needs the permission for each action', () => {
    const readOnly: Viewer = { ...customer, permissions: ['read'] };
    const a = act(makeCase('open'), readOnly);
    for (const k of ['reply', 'update', 'close', 'cancel', 'complain'] as const) {
      expect(a[k], k).to.deep.equal({ allowed: false, reason: 'no-permission' });
    }
  });

  it('lets a supervisor read and reply to an account case, but not close or update it', () => {
    const colleague = makeCase('open', { requester: { id: 'u3', name: 'Cy' } });
    expect(canRead(colleague, supervisor)).to.be.true;
    expect(canRead(colleague, customer)).to.be.false;
    const a = act(colleague, supervisor);
    expect(a.reply.allowed).to.be.true;
    expect(a.close).to.deep.equal({ allowed: false, reason: 'not-owner' });
    expect(a.update).to.deep.equal({ allowed: false, reason: 'not-owner' });
  });

  it('denies everything on a case the viewer cannot read', () => {
    const foreign = makeCase('open', { requester: { id: 'x', name: 'X' }, account: { id: 'other', name: 'O' } });
    const a = act(foreign, supervisor);
    expect(Object.values(a).every((v) => !v.allowed)).to.be.true;
  });

  it('lets a linked contact read the case', () => {
    const linked = makeCase('open', { requester: { id: 'x', name: 'X' }, account: null, contacts: [{ id: 'u1', name: 'Ada' }] });
    expect(canRead(linked, customer)).to.be.true;
  });

  it('lets the requester copy people on an open case when the schema allows it, up to its limit; the people copied read and reply only', () => {
    const withPeople: PortalSchema = { ...schema, participants: { max: 2, colleagues: true } };
    expect(act(makeCase('open')).participants).to.deep.equal({ allowed: false, reason: 'feature-off' });
    expect(act(makeCase('open'), customer, withPeople).participants.allowed).to.equal(true);
    expect(act(makeCase('closed'), customer, withPeople).participants).to.deep.equal({ allowed: false, reason: 'case-finished' });

    const copied = makeCase('open', { requester: { id: 'x', name: 'X' }, contacts: [{ id: 'u1', name: 'Ada' }] });
    const a = act(copied, customer, withPeople);
    expect([a.reply.allowed, a.complain.allowed]).to.deep.equal([true, true]);
    for (const action of ['participants', 'update', 'close', 'cancel'] as const) expect(a[action], action).to.deep.include({ allowed: false, reason: 'not-owner' });

    const two = makeCase('open', { contacts: [{ id: 'p1', name: 'P1' }, { id: 'p2', name: 'P2' }] });
    expect(participantLimit(two, withPeople)).to.deep.equal({ allowed: false, reason: 'participants-full', params: { count: 2 } });
    expect(participantLimit(makeCase('open', { contacts: [{ id: 'p1', name: 'P1' }] }), withPeople).allowed).to.equal(true);
  });

  it('shows the addresses of people copied only to the requester and to each person their own', () => {
    const c = makeCase('open', { contacts: [{ id: 'p1', name: 'Priya', email: 'priya@x.example' }, { id: 'p2', name: 'Tom', email: 'tom@x.example' }] });
    expect(redactContacts(c, 'u1')).to.equal(c);
    expect(redactContacts(c, 'p1').contacts).to.deep.equal([{ id: 'p1', name: 'Priya', email: 'priya@x.example' }, { id: 'p2', name: 'Tom' }]);
    expect(redactContacts(c, 'supervisor').contacts).to.deep.equal([{ id: 'p1', name: 'Priya' }, { id: 'p2', name: 'Tom' }]);
    expect(c.contacts![1]!.email, 'the record itself is untouched').to.equal('tom@x.example');
  });

  it('redacts the history\'s participant entries like the contacts; status entries pass unchanged', () => {
    const c = makeCase('open', { contacts: [{ id: 'p1', name: 'Priya', email: 'priya@x.example' }] });
    const status = { at: hoursAgo(2), from: null, to: c.status };
    const by = { id: 'u1', name: 'Ada', email: 'ada@x.example', role: 'customer' as const };
    const added = { kind: 'participant-added' as const, at: hoursAgo(1), by, person: { id: 'p1', name: 'Priya', email: 'priya@x.example' } };
    const entries = [status, added];
    expect(redactHistory(entries, c, 'u1'), 'the requester sees everything').to.equal(entries);
    expect(redactHistory(entries, c, 'p1')).to.deep.equal([status, { ...added, by: { id: 'u1', name: 'Ada', role: 'customer' } }]);
    expect(redactHistory(entries, c, 'supervisor')).to.deep.equal([
      status,
      { ...added, by: { id: 'u1', name: 'Ada', role: 'customer' }, person: { id: 'p1', name: 'Priya' } },
    ]);
    expect(added.person.email, 'the entry itself is untouched').to.equal('priya@x.example');
  });

  it('names who changed a status without their address, but to themselves; and a message\'s author the same way', () => {
    const c = makeCase('open', { contacts: [{ id: 'p1', name: 'Priya', email: 'priya@x.example' }] });
    const closed = { at: hoursAgo(1), from: c.status, to: c.status, by: { id: 'p1', name: 'Priya', email: 'priya@x.example', role: 'customer' as const } };
    expect(redactHistory([closed], c, 'u1'), 'the requester').to.deep.equal([{ ...closed, by: { id: 'p1', name: 'Priya', role: 'customer' } }]);
    expect(redactHistory([closed], c, 'p1'), 'the person').to.deep.equal([closed]);
    const m = (id: string, email?: string) => ({
      id: `m-${id}`, caseId: c.id, kind: 'comment' as const, body: 'Hi', createdAt: hoursAgo(1), public: true, attachments: [],
      author: { id, name: id, role: 'customer' as const, ...(email ? { email } : {}) },
    });
    const thread = [m('u1', 'ada@x.example'), m('p1', 'priya@x.example'), m('agent')];
    expect(redactAuthors(thread, 'p1').map((x) => x.author.email)).to.deep.equal([undefined, 'priya@x.example', undefined]);
    expect(redactAuthors(thread, 'supervisor').map((x) => 'email' in x.author)).to.deep.equal([false, false, false]);
    const none = [m('agent')];
    expect(redactAuthors(none, 'p1')).to.equal(none);
    expect(thread[0]!.author.email, 'the message itself is untouched').to.equal('ada@x.example');
  });

  describe('what people copied may also do (participants.mayAlso)', () => {
    const copied = makeCase('open', { requester: { id: 'x', name: 'X' }, contacts: [{ id: 'u1', name: 'Ada' }] });
    const rules = (mayAlso: ParticipantRight[]): PortalSchema => ({
      ...schema,
      participants: { max: 5, colleagues: true, mayAlso },
    });

    it('gives a person copied nothing beyond reading, replying and complaining by default (absent or empty)', () => {
      for (const s of [{ ...schema, participants: { max: 5, colleagues: true } }, rules([])]) {
        const a = act(copied, customer, s);
        expect([a.reply.allowed, a.complain.allowed, a.attach.allowed]).to.deep.equal([true, true, true]);
        for (const action of ['update', 'close', 'cancel', 'participants', 'feedback', 'reopen'] as const) {
          expect(a[action], action).to.deep.include({ allowed: false, reason: 'not-owner' });
        }
      }
    });

    it('lets a person copied take exactly the listed actions, under the requester\'s other conditions', () => {
      const a = act(copied, customer, rules(['close', 'participants']));
      expect([a.close.allowed, a.participants.allowed]).to.deep.equal([true, true]);
      for (const action of ['update', 'cancel', 'feedback', 'reopen'] as const) expect(a[action], action).to.deep.include({ allowed: false, reason: 'not-owner' });
      // The case's state still decides: a closed case can't be closed again by anyone.
      const closed = { ...copied, status: schema.statuses.find((s) => s.category === 'closed')! };
      expect(act(closed, customer, rules(['close'])).close).to.deep.include({ allowed: false, reason: 'case-finished' });
      // So do the features and the viewer's permissions.
      expect(act(copied, customer, { ...rules(['close']), features: { ...schema.features, close: false } }).close).to.deep.include({ reason: 'feature-off' });
      const noClose: Viewer = { ...customer, permissions: ALL.filter((p) => p !== 'close') };
      expect(act(copied, noClose, rules(['close'])).close).to.deep.include({ reason: 'no-permission' });
      const all = act(copied, customer, rules(['update', 'close', 'cancel', 'reopen', 'feedback', 'participants']));
      expect([all.update.allowed, all.cancel.allowed]).to.deep.equal([true, true]);
    });

    it('gives nothing to a supervisor who is not copied, whatever the schema lists', () => {
      const colleagues = makeCase('open', { requester: { id: 'x', name: 'X' }, contacts: [{ id: 'u1', name: 'Ada' }] });
      const a = act(colleagues, supervisor, rules(['update', 'close', 'cancel', 'participants']));
      for (const action of ['update', 'close', 'cancel', 'participants'] as const) expect(a[action], action).to.deep.include({ allowed: false, reason: 'not-owner' });
      expect(act(colleagues, { ...supervisor, id: 'u1' }, rules(['close'])).close.allowed, 'copied, a supervisor is a person copied').to.equal(true);
    });
  });
});
