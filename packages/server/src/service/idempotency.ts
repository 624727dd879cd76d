import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/database.js';
import type { Tables } from '../db/tables.js';
import { HttpError } from '../http-error.js';
import type { Principal } from '../principal.js';

const KEEP_MS = 24 * 3_600_000;

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Idempotency-Key per (tenant, person, key), held in the database so it works across processes:
 * the first request inserts a pending row (the primary key makes every concurrent twin fail), runs,
 * then stores its response; a replay returns it, a different request under the key is 422, a twin
 * while the first still runs is 409.
 */
export class IdempotencyStore {
  constructor(private readonly db: Kysely<Tables>) {}

  static hash(method: string, route: string, body: unknown): string {
    return createHash('sha256').update(`${method} ${route}\n${JSON.stringify(body ?? null)}`).digest('hex');
  }

  /** null: go ahead (the key is now ours); otherwise the response to replay. */
  async begin(p: Principal, key: string, operation: string, hash: string): Promise<StoredResponse | null> {
    const expired = new Date(Date.now() - KEEP_MS).toISOString();
    await this.db.deleteFrom('idempotency').where('created_at', '<', expired).execute();
    try {
      await this.db
        .insertInto('idempotency')
        .values({ tenant: p.tenant, person_id: p.personId, key, operation, request_hash: hash, state: 'pending', status_code: null, response: null, created_at: new Date().toISOString() })
        .execute();
      return null;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    const row = await this.db.selectFrom('idempotency').selectAll().where('tenant', '=', p.tenant).where('person_id', '=', p.personId).where('key', '=', key).executeTakeFirst();
    if (!row) throw new HttpError(409, 'conflict', 'A request with this Idempotency-Key is in flight.');
    if (row.request_hash !== hash) throw new HttpError(422, 'validation', 'This Idempotency-Key was used for a different request.', { 'Idempotency-Key': 'Used for a different request.' });
    if (row.state !== 'done' || !row.response) throw new HttpError(409, 'conflict', 'A request with this Idempotency-Key is in flight.');
    return JSON.parse(row.response) as StoredResponse;
  }

  async finish(p: Principal, key: string, response: StoredResponse): Promise<void> {
    await this.db
      .updateTable('idempotency')
      .set({ state: 'done', status_code: response.status, response: JSON.stringify(response) })
      .where('tenant', '=', p.tenant)
      .where('person_id', '=', p.personId)
      .where('key', '=', key)
      .execute();
  }

  /** The first attempt failed in a way a retry may fix (5xx, conflict): let the key be used again. */
  async abandon(p: Principal, key: string): Promise<void> {
    await this.db.deleteFrom('idempotency').where('tenant', '=', p.tenant).where('person_id', '=', p.personId).where('key', '=', key).execute();
  }
}
