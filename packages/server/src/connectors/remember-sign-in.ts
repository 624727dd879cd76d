import type { Kysely } from 'kysely';
import type { Tables } from '../db/tables.js';
import type { Principal } from '../principal.js';

/**
 * A connector's sign-in in the server's `people` table, as the SQL store keeps it: a download link
 * names only a person (files/signed-urls.ts), and the download route finds their role and account
 * there before it asks the connector for the vendor's file (Backend.openFile).
 */
export async function rememberSignIn(db: Kysely<Tables>, p: { principal: Principal; name: string; email: string | null }): Promise<void> {
  const { tenant, personId, sub, role, accountId } = p.principal;
  const now = new Date().toISOString();
  const values = { sub, role, name: p.name, email: p.email, account_id: accountId, updated_at: now };
  // One row per sub: a sub now matched to another vendor person leaves its old row.
  await db.deleteFrom('people').where('tenant', '=', tenant).where('sub', '=', sub).where('id', '!=', personId).execute();
  await db
    .insertInto('people')
    .values({ tenant, id: personId, created_at: now, ...values })
    .onConflict((oc) => oc.columns(['tenant', 'id']).doUpdateSet(values))
    .execute();
}
