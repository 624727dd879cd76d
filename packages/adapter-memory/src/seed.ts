/**
 * Deterministic demo data. Every case is generated from (seed, index) alone, so case i can be
 * rebuilt without the others: threads are generated lazily from the case they belong to, and
 * 100,000 cases cost a loop of cheap object literals, not 100,000 threads.
 * All dates are relative to `seededAt`, so a fresh demo always looks current.
 */
import type {
  AccountRef,
  Attachment,
  CaseRecord,
  CaseStatus,
  Message,
  PersonRef,
  PortalSchema,
  StatusCategory,
  Viewer,
} from '@case-portal/core';
import { SYSTEM_AUTHOR } from '@case-portal/core';
import { DEMO_AGENTS, DEMO_PEOPLE, personRef } from './people.js';
import { int, mix, mulberry32, pick, weighted, type Rng } from './random.js';

export interface SeedContext {
  seed: number;
  caseCount: number;
  /** Epoch ms every seeded date is relative to. */
  seededAt: number;
  schema: PortalSchema;
}

export const DEFAULT_SEED = 20_240_611;
export const DEFAULT_CASE_COUNT = 64;
/** Case numbers are 8 digits; seeded ones start here and new ones continue after them. */
export const FIRST_CASE_NUMBER = 100_001;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const caseNumber = (n: number): string => String(n).padStart(8, '0');
export const seededCaseId = (i: number): string => `case-${caseNumber(FIRST_CASE_NUMBER + i)}`;

/** The status of a category in this schema (its first), so overrides of `statuses` still seed. */
export function statusFor(schema: PortalSchema, category: StatusCategory): CaseStatus {
  const s = schema.statuses.find((d) => d.category === category) ?? schema.statuses[0];
  if (!s) throw new Error('The schema declares no statuses.');
  return s;
}

export function generateCases(ctx: SeedContext): CaseRecord[] {
  const out = new Array<CaseRecord>(ctx.caseCount);
  for (let i = 0; i < ctx.caseCount; i++) out[i] = seedCase(ctx, i);
  return out;
}

/** Case i of this seed: one of the hand-written stories first, then random ones. */
export function seedCase(ctx: SeedContext, i: number): CaseRecord {
  const rng = mulberry32(mix(ctx.seed, i));
  const c = randomCase(ctx, i, rng);
  const story = STORIES[i];
  if (!story) return c;
  // Stories set their own dates; random SLA targets would not match them.
  const s = story({ ...c, sla: null }, ctx, rng);
  if (Date.parse(s.createdAt) > Date.parse(s.updatedAt)) s.createdAt = iso(Date.parse(s.updatedAt) - 2 * DAY);
  // A story that makes Alex the requester keeps the random draw's people copied: never the requester
  // (the case showed Alex copied on his own case, and under "Cases I'm copied on").
  if (s.contacts?.some((p) => p.id === s.requester.id)) s.contacts = s.contacts.filter((p) => p.id !== s.requester.id);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Random cases

const pickRequester = weighted({ customer: 40, tom: 12, mei: 12, jonas: 8, supervisor: 8, outsider: 20 } as const);
const pickCategory = weighted<StatusCategory>({
  new: 8,
  open: 14,
  'pending-agent': 10,
  'pending-customer': 10,
  'on-hold': 5,
  resolved: 12,
  closed: 28,
  canceled: 7,
  merged: 6,
});
const pickOrigin = weighted({ web: 40, email: 30, phone: 15, chat: 10, social: 5 } as const);
const pickPriority = weighted({ low: 20, normal: 55, high: 20, urgent: 5 } as const);
const pickRating = weighted({ '5': 5, '4': 3, '3': 1, '2': 1, '1': 1 } as const);
const DONE: ReadonlySet<StatusCategory> = new Set(['resolved', 'closed', 'canceled', 'merged']);
/** One frozen empty list for the many cases without contacts, links or files (fewer objects for a big seed). */
const NONE = Object.freeze([]) as unknown as never[];
const REFS = Object.fromEntries(
  Object.entries(DEMO_PEOPLE).map(([k, p]) => [k, { requester: personRef(p), account: p.account ? { ...p.account } : null }]),
) as Record<keyof typeof DEMO_PEOPLE, { requester: PersonRef; account: AccountRef | null }>;

const SUBJECTS: Record<string, readonly string[]> = {
  technical: [
    '{p} drops the connection every few minutes',
    '{p} does not boot after the firmware update',
    'Cannot reach the admin page of the {p}',
    'Wi-Fi speed on the {p} far below the contract',
    '{p} shows error E-{n} on start-up',
    'Two-factor login fails in the {p}',
    'Port LEDs on the {p} blink orange',
  ],
  billing: [
    'Invoice {n} charged twice',
    'Wrong VAT rate on invoice {n}',
    'Refund for the returned {p} not received',
    'Please change the billing address',
    'Credit note missing for order {n}',
  ],
  account: [
    'Add a new administrator to our account',
    'Password reset e-mail never arrives',
    'Remove a former employee from the portal',
    'Single sign-on stopped working for our team',
  ],
  order: [
    'Order {n} delayed: {p} still not shipped',
    'Delivered {p} is the wrong model',
    'Tracking number for order {n} does not work',
    'Need 12 more {p} units by the end of the month',
  ],
  feedback: [
    'Suggestion: dark mode for the {p}',
    'The new {p} manual is much clearer, thanks',
    'Feature request: export reports from the {p} as CSV',
  ],
};

const DESCRIPTIONS = [
  'Since {d} the {p} behaves as described in the subject. We already restarted it twice and checked the cabling.',
  'Hello, this affects our office in Hamburg. Steps to reproduce are in the attached notes. Please advise.',
  'Our accounting team noticed this during the monthly close. Reference: {n}.',
  'This is blocking several colleagues. We can provide remote access between 9:00 and 17:00 CET.',
  'Nothing urgent, but we would like to understand what happened and how to avoid it next time.',
];

/** Fills {p}, {n}, {d} placeholders; only the ones present cost anything (this runs 200,000 times for a big seed). */
function fill(template: string, rng: Rng, productLabel: string, at: number): string {
  let s = template;
  if (s.includes('{p}')) s = s.replace('{p}', productLabel);
  if (s.includes('{n}')) s = s.replace('{n}', String(int(rng, 10_000, 99_999)));
  if (s.includes('{d}')) s = s.replace('{d}', iso(at).slice(0, 10));
  return s;
}

function randomCase(ctx: SeedContext, i: number, rng: Rng): CaseRecord {
  const { schema, seededAt: now } = ctx;
  const who = pickRequester(rng);
  const requester: Viewer = DEMO_PEOPLE[who];
  const refs = REFS[who];
  const category = pickCategory(rng);
  const status = statusFor(schema, category);
  const done = DONE.has(category);

  const caseCategory = schema.categories.length ? pick(rng, schema.categories).value : null;
  const productDef = schema.fields.find((f) => f.key === 'product');
  const product = productDef?.options?.length ? pick(rng, productDef.options) : { value: 'router-x200', label: 'Router X200' };
  const service = schema.services.length ? pick(rng, schema.services) : null;

  // Most cases are recent; a long tail goes back half a year.
  const age = HOUR + rng() * rng() * 180 * DAY;
  const created = now - age;
  const updated = done ? created + rng() * age : now - rng() * Math.min(age, 3 * DAY);

  const subjects = SUBJECTS[caseCategory ?? 'technical'] ?? SUBJECTS.technical!;
  const createdAt = iso(created);
  const updatedAt = iso(updated);
  const c: CaseRecord = {
    id: seededCaseId(i),
    number: caseNumber(FIRST_CASE_NUMBER + i),
    subject: fill(pick(rng, subjects), rng, product.label, created),
    description: fill(pick(rng, DESCRIPTIONS), rng, product.label, created),
    status,
    origin: pickOrigin(rng),
    priority: pickPriority(rng),
    category: caseCategory,
    service: service?.value ?? null,
    // Shared, never mutated: cases are replaced on change and cloned on the way out.
    requester: refs.requester,
    owner: category === 'new' && rng() < 0.6 ? null : pick(rng, DEMO_AGENTS),
    account: refs.account,
    contacts: NONE,
    createdAt,
    updatedAt,
    closedAt: done ? updatedAt : null,
    reopenCount: rng() < 0.05 ? 1 : 0,
    sla: null,
    fields: randomFields(rng, requester, product.value, created),
    attachments: rng() < 0.15 ? [seedAttachment(`${seededCaseId(i)}-a0`, rng, created)] : NONE,
    relatedIds: NONE,
    feedback: category === 'closed' && rng() < 0.2 ? randomFeedback(rng, updated) : null,
    version: int(rng, 1, 8),
  };

  // Colleagues sometimes copy the default customer in: that is what the "linked" view shows.
  if (requester.id !== DEMO_PEOPLE.customer.id && requester.account?.id === DEMO_PEOPLE.customer.account?.id && rng() < 0.25) {
    c.contacts = [REFS.customer.requester];
  }

  // Service-level targets on recent cases only: a six-month-old open case would just be overdue.
  if (service && age < 14 * DAY && rng() < 0.6) {
    const responseDue = created + (service.responseHours ?? 8) * HOUR;
    const resolutionDue = created + (service.resolutionHours ?? 72) * HOUR;
    const answered = category !== 'new';
    c.sla = {
      response: { dueAt: iso(responseDue), metAt: answered ? iso(Math.min(updated, created + rng() * (responseDue - created))) : null },
      resolution: { dueAt: iso(resolutionDue), metAt: done ? c.closedAt : null },
    };
  }
  return c;
}

function randomFields(rng: Rng, requester: Viewer, product: string, created: number): CaseRecord['fields'] {
  const prefix = requester.account?.id === 'acc-contoso' ? 'CT' : 'NW';
  const fields: CaseRecord['fields'] = {
    product,
    // The calendar year, near enough for a made-up contract id, without a Date per case.
    contract_id: `${prefix}-${1970 + Math.floor(created / (365.2425 * DAY))}-${String(int(rng, 1, 400)).padStart(4, '0')}`,
  };
  if (product.startsWith('router') || product.startsWith('switch')) {
    fields.serial_number = `SN-${int(rng, 100_000, 999_999)}-${String.fromCharCode(65 + int(rng, 0, 25))}`;
  }
  if (rng() < 0.3) fields.due_date = iso(created + int(rng, 2, 30) * DAY).slice(0, 10);
  if (rng() < 0.4) fields.affected_users = int(rng, 1, 250);
  if (product === 'cloud-console') fields.environment = pick(rng, ['production', 'staging', 'test']);
  return fields;
}

function randomFeedback(rng: Rng, at: number): CaseRecord['feedback'] {
  const rating = pickRating(rng);
  return { rating: Number(rating), comment: Number(rating) >= 4 ? 'Quick and friendly, thank you.' : 'Took far too long.', submittedAt: iso(at + HOUR) };
}

/**
 * Date.prototype.toISOString, without a Date per call: a big seed formats 300,000 timestamps and
 * toISOString dominated the profile. The "YYYY-MM-DDT" prefix is cached per day.
 */
const dayPrefix = new Map<number, string>();
const pad = (n: number, width: number) => String(n).padStart(width, '0');
export function iso(ms: number): string {
  const t = Math.trunc(ms);
  const day = Math.floor(t / DAY);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefix.set(day, prefix);
  }
  let r = t - day * DAY;
  const h = Math.floor(r / HOUR);
  r -= h * HOUR;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const sec = Math.floor(r / 1000);
  return `${prefix}${pad(h, 2)}:${pad(m, 2)}:${pad(sec, 2)}.${pad(r - sec * 1000, 3)}Z`;
}

// ---------------------------------------------------------------------------------------------
// Attachments: tiny real files as data: URLs, so a download shows something and survives reloads.

const SEED_FILES = [
  { name: 'screenshot.png', type: 'image/png', data: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==' },
  { name: 'router-log.txt', type: 'text/plain', data: `data:text/plain;base64,${btoa('12:00:01 link up\n12:20:14 link down (timeout)\n12:20:45 link up\n')}` },
  { name: 'invoice-correction.csv', type: 'text/csv', data: `data:text/csv;base64,${btoa('line,amount,vat\n1,120.00,19%\n')}` },
] as const;

/** Bytes of a base64 data: URL's content: the size a download of it has. */
const dataBytes = (url: string) => atob(url.slice(url.indexOf(',') + 1)).length;

function seedAttachment(id: string, rng: Rng, at: number): Attachment {
  const f = pick(rng, SEED_FILES);
  // The size listed is the size that downloads (it was a made-up one: "103.4 kB" for 29 bytes). The
  // draw that made it up stays, so the cases and threads after it draw what they always drew.
  void int(rng, 2_000, 900_000);
  return { id, name: f.name, type: f.type, size: dataBytes(f.data), url: f.data, createdAt: iso(at) };
}

// ---------------------------------------------------------------------------------------------
// Threads: generated from the seeded case (never the edited one), so they stay stable.

const AGENT_LINES = [
  'Thanks for reaching out. Could you send us the serial number and a screenshot of the error?',
  'We reproduced the problem in our lab and are working on a fix.',
  'Our engineers applied a configuration change on our side. Please check if it works now.',
  'The replacement part has been ordered; we expect it within three working days.',
  'I have escalated this to our second-level team.',
];
const CUSTOMER_LINES = [
  'Here is the information you asked for.',
  'It happened again this morning at 9:40.',
  'Thanks, that helped partly. The issue still occurs on the second unit.',
  'Any update on this? It is still affecting our team.',
];
const CUSTOMER_DONE = 'Confirmed: it works now. Thank you!';
const INTERNAL_LINES = ['Internal: customer is on the priority list, check contract before quoting.', 'Internal: waiting on vendor ticket.'];

/** The channels of support's later answers, in turn (the first is always an email). */
const AGENT_CHANNELS = ['web', 'phone', 'chat'];
/** Origins a customer's first answer keeps using. */
const FOLLOW_UP_CHANNELS = ['phone', 'chat', 'social'];

/** Stories that need a long conversation (paging, virtualization) ask for it by index. */
const LONG_THREAD_INDEX = 12;

export function seedThread(ctx: SeedContext, i: number, c: CaseRecord): Message[] {
  const rng = mulberry32(mix(ctx.seed ^ 0x5eed, i));
  const created = Date.parse(c.createdAt);
  const updated = Date.parse(c.updatedAt);
  const span = Math.max(updated - created, 10 * 60_000);
  const agent: PersonRef = c.owner ?? DEMO_AGENTS[0]!;
  const requester = c.requester;
  const msgs: Message[] = [];
  const newStatus = statusFor(ctx.schema, 'new');
  const openStatus = statusFor(ctx.schema, 'open');
  let k = 0;
  const add = (at: number, m: Omit<Message, 'id' | 'caseId' | 'createdAt' | 'attachments'> & { attachments?: Attachment[] }) => {
    msgs.push({ id: `${c.id}-m${k++}`, caseId: c.id, createdAt: iso(at), attachments: [], ...m });
  };

  add(created + 60_000, {
    kind: 'email',
    body: `We received your request ${c.number}. An agent will get back to you shortly.`,
    author: { ...SYSTEM_AUTHOR },
    channel: 'email',
    public: true,
  });
  if (c.status.category === 'new') return msgs;

  const first = created + span * 0.1;
  add(first, { kind: 'event', body: '', author: { ...agent, role: 'agent' }, public: true, event: { from: newStatus, to: openStatus } });
  const exchanges = i === LONG_THREAD_INDEX ? 28 : int(rng, 1, 4);
  const step = (span * 0.8) / (exchanges * 2 + 1);
  let t = first;
  for (let x = 0; x < exchanges; x++) {
    t += step;
    add(t, {
      kind: x === 0 ? 'email' : 'comment',
      // The first answer asks for details; later ones vary.
      body: x === 0 ? AGENT_LINES[0]! : pick(rng, AGENT_LINES.slice(1)),
      author: { ...agent, role: 'agent' },
      // Later answers come by every channel support uses (a call, the chat), not only the portal.
      channel: x === 0 ? 'email' : AGENT_CHANNELS[(i + x) % AGENT_CHANNELS.length]!,
      public: true,
    });
    if (rng() < 0.2) add(t + 1000, { kind: 'comment', body: pick(rng, INTERNAL_LINES), author: { ...agent, role: 'agent' }, channel: 'web', public: false });
    t += step;
    add(t, {
      kind: 'comment',
      body: x === exchanges - 1 && DONE.has(c.status.category) ? CUSTOMER_DONE : pick(rng, CUSTOMER_LINES),
      author: { ...requester, role: 'customer' },
      // A case that came in by phone, chat or social media goes on there at first.
      channel: x === 0 && FOLLOW_UP_CHANNELS.includes(c.origin) ? c.origin : 'web',
      public: true,
      attachments: rng() < 0.2 ? [seedAttachment(`${c.id}-m${k}-a`, rng, t)] : [],
    });
  }
  if (c.status.id !== openStatus.id) {
    add(updated, { kind: 'event', body: '', author: { ...agent, role: 'agent' }, public: true, event: { from: openStatus, to: c.status } });
  }
  return msgs;
}

// ---------------------------------------------------------------------------------------------
// Stories: the cases a demo (and a test) needs to exist, whatever the random draw says.

type Story = (c: CaseRecord, ctx: SeedContext, rng: Rng) => CaseRecord;

const at = (ctx: SeedContext, hoursAgo: number) => iso(ctx.seededAt - hoursAgo * HOUR);
const as = (who: keyof typeof DEMO_PEOPLE): Pick<CaseRecord, 'requester' | 'account'> => {
  const p = DEMO_PEOPLE[who];
  return { requester: personRef(p), account: p.account ? { ...p.account } : null };
};
/** A case still in progress in that category: not closed, so not rated either. */
const ongoing = (ctx: SeedContext, category: StatusCategory) => ({ status: statusFor(ctx.schema, category), closedAt: null, feedback: null });
const finished = (ctx: SeedContext, category: StatusCategory, hoursAgo: number) => ({
  status: statusFor(ctx.schema, category),
  updatedAt: at(ctx, hoursAgo),
  closedAt: at(ctx, hoursAgo),
});

/** The product a story's subject names, with what goes with it (a serial number for hardware). */
const product = (c: CaseRecord, value: string): Pick<CaseRecord, 'fields'> => {
  const { environment: _environment, ...fields } = c.fields;
  const hardware = value.startsWith('router') || value.startsWith('switch');
  if (hardware && !fields.serial_number) fields.serial_number = `SN-${c.number.slice(-6)}-A`;
  if (!hardware) delete fields.serial_number;
  return { fields: { ...fields, product: value } };
};

const STORIES: readonly Story[] = [
  // 0: overdue — resolution target passed five hours ago.
  (c, ctx) => ({
    ...c,
    ...as('customer'),
    subject: 'VPN tunnel drops every 20 minutes after firmware 4.2',
    ...product(c, 'router-x500'),
    ...ongoing(ctx, 'open'),
    priority: 'high',
    service: 'premium',
    createdAt: at(ctx, 29),
    updatedAt: at(ctx, 3),
    owner: DEMO_AGENTS[0]!,
    sla: { response: { dueAt: at(ctx, 28), metAt: at(ctx, 28.5) }, resolution: { dueAt: at(ctx, 5), metAt: null } },
  }),
  // 1: response due in 45 minutes, nobody has answered yet.
  (c, ctx) => ({
    ...c,
    ...as('customer'),
    subject: 'Cloud Console shows "access denied" for all admins',
    ...ongoing(ctx, 'new'),
    priority: 'urgent',
    service: 'premium',
    owner: null,
    createdAt: at(ctx, 0.25),
    updatedAt: at(ctx, 0.25),
    fields: { ...c.fields, product: 'cloud-console', environment: 'production', affected_users: 42 },
    sla: { response: { dueAt: iso(ctx.seededAt + 0.75 * HOUR), metAt: null }, resolution: { dueAt: iso(ctx.seededAt + 23.75 * HOUR), metAt: null } },
  }),
  // 2: resolved two hours ago: the customer may still reopen it.
  (c, ctx) => ({ ...c, ...as('customer'), ...finished(ctx, 'resolved', 2), createdAt: at(ctx, 50), reopenCount: 0, feedback: null, subject: 'Switch S24 port 7 negotiates only 100 Mbit/s', ...product(c, 'switch-s24') }),
  // 3: resolved 30 hours ago: the reopen window has passed.
  (c, ctx) => ({ ...c, ...as('customer'), ...finished(ctx, 'resolved', 30), createdAt: at(ctx, 120), reopenCount: 0, feedback: null }),
  // 4: resolved an hour ago but already reopened once: the limit is reached.
  (c, ctx) => ({ ...c, ...as('customer'), ...finished(ctx, 'resolved', 1), createdAt: at(ctx, 200), reopenCount: 1, feedback: null }),
  // 5: the agent waits for the customer.
  (c, ctx) => ({
    ...c,
    ...as('customer'),
    subject: 'Router X500 Pro: which log level do you need?',
    ...product(c, 'router-x500'),
    ...ongoing(ctx, 'pending-customer'),
    createdAt: at(ctx, 26),
    updatedAt: at(ctx, 1),
    owner: DEMO_AGENTS[1]!,
  }),
  // 6: closed long ago, rated.
  (c, ctx) => ({
    ...c,
    ...as('customer'),
    ...finished(ctx, 'closed', 45 * 24),
    createdAt: at(ctx, 50 * 24),
    subject: 'Replacement power supply for Router X200',
    ...product(c, 'router-x200'),
    feedback: { rating: 5, comment: 'Replacement arrived the next day. Great service!', submittedAt: at(ctx, 45 * 24 - 2) },
  }),
  // 7: closed three hours ago, not rated yet.
  (c, ctx) => ({ ...c, ...as('customer'), ...finished(ctx, 'closed', 3), createdAt: at(ctx, 72), feedback: null, subject: 'Invoice 48213 charged twice' }),
  // 8: canceled by the customer.
  (c, ctx) => ({ ...c, ...as('customer'), ...finished(ctx, 'canceled', 10 * 24), createdAt: at(ctx, 11 * 24), feedback: null, subject: 'Please add a second delivery address' }),
  // 9: merged into case 10.
  (c, ctx) => ({ ...c, ...as('customer'), ...finished(ctx, 'merged', 20), createdAt: at(ctx, 22), feedback: null, subject: 'Mobile app crashes on login (second report)', relatedIds: [seededCaseId(10)], ...product(c, 'mobile-app') }),
  // 10: the case 9 was merged into.
  (c, ctx) => ({
    ...c,
    ...as('customer'),
    subject: 'Mobile app crashes on login since version 3.8',
    ...ongoing(ctx, 'pending-agent'),
    createdAt: at(ctx, 24),
    updatedAt: at(ctx, 20),
    relatedIds: [seededCaseId(9)],
    ...product(c, 'mobile-app'),
  }),
  // 11: on hold, waiting for a part.
  (c, ctx) => ({ ...c, ...as('customer'), ...ongoing(ctx, 'on-hold'), createdAt: at(ctx, 9 * 24), updatedAt: at(ctx, 2 * 24), subject: 'Switch S24 fan replacement (part on order)', ...product(c, 'switch-s24') }),
  // 12: a long conversation (see LONG_THREAD_INDEX).
  (c, ctx) => ({ ...c, ...as('customer'), ...ongoing(ctx, 'pending-agent'), createdAt: at(ctx, 30 * 24), updatedAt: at(ctx, 5), subject: 'Invoices show the wrong VAT rate since March', category: 'billing' }),
  // 13: a colleague's case with the customer copied in ("linked").
  (c, ctx) => ({ ...c, ...as('tom'), ...ongoing(ctx, 'open'), contacts: [personRef(DEMO_PEOPLE.customer)], subject: 'Office move: transfer six routers to the new site', ...product(c, 'router-x200') }),
  // 14, 15: colleagues' cases only the supervisor sees.
  (c, ctx) => ({ ...c, ...as('mei'), ...ongoing(ctx, 'pending-agent'), contacts: [] }),
  (c, ctx) => ({ ...c, ...as('jonas'), ...finished(ctx, 'closed', 4 * 24), feedback: null, contacts: [] }),
  // 16: the supervisor's own case.
  (c, ctx) => ({ ...c, ...as('supervisor'), ...ongoing(ctx, 'new'), contacts: [], subject: 'Quarterly service review: please send the report' }),
  // 17: another company's case: nobody at Northwind may ever see it.
  (c, ctx) => ({ ...c, ...as('outsider'), ...ongoing(ctx, 'open'), contacts: [], subject: 'Contoso: firewall rules lost after reboot' }),
];
