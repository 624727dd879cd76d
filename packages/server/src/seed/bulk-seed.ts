import { DEFAULT_SEED, DEMO_AGENTS, seedCase, type SeedContext } from '@case-portal/adapter-memory';
import type { CaseRecord, PortalSchema } from '@case-portal/core';
import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { AccountRow, CaseRow, PersonRow, StatusChangeRow } from '../db/tables.js';
import { caseRow, formatCaseNumber } from '../store/sql-store.js';
import { insertRows, takeCaseNumbers } from './batch-insert.js';

/** The account the 1M-row bench reads: one company with up to 10,000 cases. */
export const BIG_ACCOUNT = { org: 'bench-big', name: 'Bench Big Account' } as const;
const BIG_ACCOUNT_MAX = 10_000;
/** Cases per person in the big account, and per customer elsewhere; customers per other account. */
const PER_BIG_PERSON = 200;
const PER_CUSTOMER = 10;
const PER_ACCOUNT = 5;
/** Cases per transaction: big enough to amortise the commit's fsync, small enough to hold in memory. */
const CASES_PER_TRANSACTION = 5_000;

export interface BulkSeedPlan {
  cases: number;
  /** Cases of the big account (min(10,000, ⌈cases / 10⌉)) and the people who opened them. */
  bigAccountCases: number;
  bigAccountPeople: number;
  /** The other cases' customers, PER_ACCOUNT to an account. */
  customers: number;
  accounts: number;
}

/**
 * Who a generated case belongs to. The JWT claims of these people (README "Run the case server"):
 * big account: sub `bench-big-<k>`, org `bench-big` (and `bench-big-supervisor`, role supervisor);
 * others: sub `bench-c<j>`, org `bench-a<⌊j / 5⌋>`.
 */
export function bulkPlan(cases: number): BulkSeedPlan {
  const bigAccountCases = Math.min(BIG_ACCOUNT_MAX, Math.ceil(cases / 10));
  const bigAccountPeople = Math.max(1, Math.ceil(bigAccountCases / PER_BIG_PERSON));
  const customers = Math.max(1, Math.ceil((cases - bigAccountCases) / PER_CUSTOMER));
  return { cases, bigAccountCases, bigAccountPeople, customers, accounts: Math.ceil(customers / PER_ACCOUNT) };
}

export interface BulkSeedResult extends BulkSeedPlan {
  firstNumber: string;
  lastNumber: string;
  ms: number;
}

interface Owner {
  person: { id: string; name: string; email: string };
  account: { id: string; name: string };
}

const bigPerson = (k: number): Owner => ({
  person: { id: `p_bench_big_${k}`, name: `Big Account Person ${k}`, email: `person${k}@bench-big.example` },
  account: { id: 'a_bench_big', name: BIG_ACCOUNT.name },
});
const customer = (j: number): Owner => {
  const a = Math.floor(j / PER_ACCOUNT);
  return { person: { id: `p_bench_c${j}`, name: `Customer ${j}`, email: `c${j}@bench-a${a}.example` }, account: { id: `a_bench_${a}`, name: `Bench Account ${a}` } };
};

/** Case i of the run: the big account's first, then round-robin over the customers. */
function ownerOf(i: number, plan: BulkSeedPlan): Owner {
  if (i < plan.bigAccountCases) return bigPerson(i % plan.bigAccountPeople);
  return customer((i - plan.bigAccountCases) % plan.customers);
}

function peopleRows(tenant: string, plan: BulkSeedPlan, at: string): { people: PersonRow[]; accounts: AccountRow[] } {
  const people: PersonRow[] = [];
  const accounts: AccountRow[] = [];
  const person = (o: Owner, sub: string, role: string) => people.push({ tenant, id: o.person.id, sub, role, name: o.person.name, email: o.person.email, account_id: o.account.id, created_at: at, updated_at: at });
  if (plan.bigAccountCases > 0) {
    accounts.push({ tenant, id: 'a_bench_big', org: BIG_ACCOUNT.org, name: BIG_ACCOUNT.name });
    for (let k = 0; k < plan.bigAccountPeople; k++) person(bigPerson(k), `bench-big-${k}`, 'customer');
    const sup = bigPerson(0);
    people.push({ ...people[0]!, id: 'p_bench_big_supervisor', sub: 'bench-big-supervisor', role: 'supervisor', name: 'Big Account Supervisor', email: `supervisor@bench-big.example`, account_id: sup.account.id });
  }
  for (let a = 0; a < plan.accounts; a++) accounts.push({ tenant, id: `a_bench_${a}`, org: `bench-a${a}`, name: `Bench Account ${a}` });
  for (let j = 0; j < plan.customers; j++) person(customer(j), `bench-c${j}`, 'customer');
  return { people, accounts };
}

/**
 * `seed --cases N`: N generated cases (the memory adapter's random case generator, past its
 * hand-written stories) over many customers, one account holding up to 10,000 of them. Numbers are
 * taken from the tenant's sequence in one block, so they continue after existing cases. Each case
 * gets its creation in the history; no threads (a bench of lists, not of conversations).
 * Rows go in as multi-row INSERTs, CASES_PER_TRANSACTION cases to a transaction.
 */
export async function seedBulk(database: Database, schema: PortalSchema, tenant: string, count: number, options: { now?: Date; onProgress?: (done: number) => void } = {}): Promise<BulkSeedResult> {
  const started = performance.now();
  const { db } = database;
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const plan = bulkPlan(count);
  const { people, accounts } = peopleRows(tenant, plan, at);
  await db.transaction().execute(async (trx) => {
    await insertRows(trx, 'accounts', accounts, true);
    await insertRows(trx, 'people', people, true);
  });
  const first = await takeCaseNumbers(db, tenant, count);
  const ctx: SeedContext = { seed: DEFAULT_SEED ^ first, caseCount: count, seededAt: now.getTime(), schema };
  const fieldKeys = new Set(schema.fields.map((f) => f.key));
  const withinSchema = (fields: CaseRecord['fields']) => Object.fromEntries(Object.entries(fields).filter(([k]) => fieldKeys.has(k)));

  for (let start = 0; start < count; start += CASES_PER_TRANSACTION) {
    const end = Math.min(count, start + CASES_PER_TRANSACTION);
    const cases: CaseRow[] = [];
    const history: StatusChangeRow[] = [];
    for (let i = start; i < end; i++) {
      const number = formatCaseNumber(first + i);
      // Past the memory adapter's stories (the first 18 indexes): plain random cases.
      const generated = seedCase(ctx, 1_000 + i);
      const owner = ownerOf(i, plan);
      const c: CaseRecord = {
        ...generated,
        id: `c_seed${number}`,
        number,
        requester: owner.person,
        account: owner.account,
        owner: generated.owner ? DEMO_AGENTS[i % DEMO_AGENTS.length]! : null,
        contacts: [],
        attachments: [],
        relatedIds: [],
        feedback: null,
        fields: withinSchema(generated.fields),
      };
      cases.push(caseRow(tenant, c));
      history.push({ tenant, case_id: c.id, seq: 1, at: c.createdAt, from_status: null, to_status: c.status.id, by_doc: null, reason: null });
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'cases', cases);
      await insertRows(trx, 'status_changes', history);
    });
    options.onProgress?.(end);
  }
  // Fresh statistics, so both planners know how selective requester and account are after a bulk load.
  await sql`analyze`.execute(db);
  return { ...plan, firstNumber: formatCaseNumber(first), lastNumber: formatCaseNumber(first + count - 1), ms: performance.now() - started };
}
