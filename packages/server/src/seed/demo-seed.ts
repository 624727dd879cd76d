import {
  DEFAULT_CASE_COUNT,
  DEFAULT_SEED,
  DEMO_ACCOUNTS,
  DEMO_AGENTS,
  DEMO_PEOPLE,
  FIRST_CASE_NUMBER,
  generateCases,
  seededCaseId,
  seedThread,
  type SeedContext,
} from '@case-portal/adapter-memory';
import type { CaseRecord, Message, PortalSchema } from '@case-portal/core';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/database.js';
import type { AccountRow, CaseContactRow, FeedbackRow, MessageRow, PersonRow, StatusChangeRow } from '../db/tables.js';
import { caseRow } from '../store/sql-store.js';
import type { BlobStore } from '../files/types.js';
import { insertRows, takeCaseNumbers } from './batch-insert.js';
import { storeDemoFiles } from './demo-files.js';

/**
 * The JWT claims that sign in as each demo person: `sub` is the memory adapter's person id, `org`
 * its account id, so a demo sign-in picks a person of `DEMO_PEOPLE` / `DEMO_AGENTS` and signs
 * `{ sub: id, name, email, org: account.id, role }`. README "Run the case server" lists them.
 */
export function demoClaims() {
  const people = Object.entries(DEMO_PEOPLE).map(([key, p]) => ({
    sub: p.id,
    name: p.name,
    email: p.email ?? null,
    org: p.account?.id ?? null,
    role: key === 'supervisor' ? ('supervisor' as const) : ('customer' as const),
  }));
  const agents = DEMO_AGENTS.map((a) => ({ sub: a.id, name: a.name, email: a.email ?? null, org: null, role: 'agent' as const }));
  return [...people, ...agents];
}

export interface DemoSeedResult {
  /** False when the demo data was there already (seeding is idempotent). */
  seeded: boolean;
  cases: number;
  messages: number;
}

/** The status history the memory adapter shows (its listHistory): creation, then each event message. */
function historyOf(tenant: string, c: CaseRecord, thread: Message[]): StatusChangeRow[] {
  const events = thread.filter((m) => m.public && m.kind === 'event' && m.event);
  const first = events[0]?.event;
  const rows: StatusChangeRow[] = [
    { tenant, case_id: c.id, seq: 1, at: c.createdAt, from_status: null, to_status: (first ? (first.from ?? first.to) : c.status).id, by_doc: null, reason: null },
  ];
  for (const m of events) {
    rows.push({
      tenant,
      case_id: c.id,
      seq: rows.length + 1,
      at: m.createdAt,
      from_status: (m.event!.from ?? null)?.id ?? rows[rows.length - 1]!.to_status,
      to_status: m.event!.to.id,
      by_doc: JSON.stringify(m.author),
      reason: m.body || null,
    });
  }
  return rows;
}

/**
 * The memory adapter's demo data in the database: its people (keyed to the subs of demoClaims),
 * accounts, agents, the 64 seeded cases with their threads (internal notes included), history and
 * ratings, and their files (in `blobs`, as uploads are kept), dated relative to `now` like the in-browser demo. Case numbers are the demo's
 * (00100001…); the tenant's sequence moves past them. Running it again changes nothing.
 */
export async function seedDemo(database: Database, schema: PortalSchema, tenant: string, blobs: BlobStore, now = new Date()): Promise<DemoSeedResult> {
  const { db } = database;
  const present = await db.selectFrom('cases').select('id').where('tenant', '=', tenant).where('id', '=', seededCaseId(0)).executeTakeFirst();
  if (present) return { seeded: false, cases: 0, messages: 0 };

  const ctx: SeedContext = { seed: DEFAULT_SEED, caseCount: DEFAULT_CASE_COUNT, seededAt: now.getTime(), schema };
  const cases = generateCases(ctx);
  const threads = cases.map((c, i) => seedThread(ctx, i, c));
  const files = await storeDemoFiles(blobs, tenant, cases, threads);
  const at = now.toISOString();
  const accounts: AccountRow[] = Object.values(DEMO_ACCOUNTS).map((a) => ({ tenant, id: a.id, org: a.id, name: a.name }));
  const people: PersonRow[] = demoClaims().map((p) => ({
    tenant,
    id: p.sub,
    sub: p.sub,
    role: p.role,
    name: p.name,
    email: p.email,
    account_id: p.org,
    created_at: at,
    updated_at: at,
  }));
  const messages: MessageRow[] = [];
  const history: StatusChangeRow[] = [];
  const contacts: CaseContactRow[] = [];
  const feedback: FeedbackRow[] = [];
  cases.forEach((c, i) => {
    const thread = threads[i]!;
    thread.forEach((m, k) => messages.push({ tenant, id: m.id, case_id: c.id, seq: k + 1, public: m.public ? 1 : 0, created_at: m.createdAt, doc: JSON.stringify(m) }));
    history.push(...historyOf(tenant, c, thread));
    for (const p of c.contacts ?? []) contacts.push({ tenant, case_id: c.id, person_id: p.id });
    if (c.feedback) feedback.push({ tenant, case_id: c.id, person_id: c.requester.id, rating: c.feedback.rating, comment: c.feedback.comment ?? null, submitted_at: c.feedback.submittedAt });
  });

  try {
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'accounts', accounts, true);
      await insertRows(trx, 'people', people, true);
      await insertRows(trx, 'cases', cases.map((c) => caseRow(tenant, c)));
      await insertRows(trx, 'case_contacts', contacts);
      await insertRows(trx, 'messages', messages);
      await insertRows(trx, 'status_changes', history);
      await insertRows(trx, 'feedback', feedback);
      await insertRows(trx, 'attachments', files);
    });
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new Error(`the demo's case numbers ${cases[0]!.number}–${cases.at(-1)!.number} are taken in this database: seed the demo into an empty one`, { cause: e });
    }
    throw e;
  }
  // New cases continue after the demo's numbers.
  await takeCaseNumbers(db, tenant, 0, FIRST_CASE_NUMBER + DEFAULT_CASE_COUNT);
  return { seeded: true, cases: cases.length, messages: messages.length };
}
