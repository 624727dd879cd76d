import { sql, type Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';

/**
 * Bound parameters per INSERT statement: well under SQLite's 32,766 and PostgreSQL's 65,535, and
 * large enough that a million rows are a few thousand statements, not a million.
 */
const MAX_PARAMS = 12_000;

/**
 * Inserts rows as multi-row INSERTs of at most MAX_PARAMS values each, inside the caller's
 * transaction. `ignoreExisting` skips rows whose key is taken (people and accounts seeded again).
 */
export async function insertRows<T extends keyof Tables>(db: Kysely<Tables>, table: T, rows: Tables[T][], ignoreExisting = false): Promise<void> {
  if (!rows.length) return;
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  for (let i = 0; i < rows.length; i += perStatement) {
    // Kysely's insert types are per table; the rows are already that table's rows.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const q = (db as Kysely<any>).insertInto(table).values(rows.slice(i, i + perStatement));
    await (ignoreExisting ? q.onConflict((oc) => oc.doNothing()) : q).execute();
  }
}

/**
 * Takes `count` consecutive case numbers from the tenant's sequence (the same row createCase
 * locks), so seeded cases and cases created meanwhile never share a number. Returns the first.
 */
export async function takeCaseNumbers(db: Kysely<Tables>, tenant: string, count: number, atLeast = 1): Promise<number> {
  await db.insertInto('sequences').values({ tenant, name: 'case', next_value: 1 }).onConflict((oc) => oc.columns(['tenant', 'name']).doNothing()).execute();
  // One UPDATE … RETURNING: the row lock makes it atomic against concurrent creates on both databases.
  const row = await db
    .updateTable('sequences')
    .set({ next_value: sql<number>`(case when next_value < ${atLeast} then ${atLeast} else next_value end) + ${count}` })
    .where('tenant', '=', tenant)
    .where('name', '=', 'case')
    .returning('next_value')
    .executeTakeFirstOrThrow();
  return Number(row.next_value) - count;
}
