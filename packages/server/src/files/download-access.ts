import type { PortalSchema } from '@case-portal/core';
import type { Kysely } from 'kysely';
import { viewerOf } from '../auth/viewer.js';
import type { Backend, Caller } from '../backend/types.js';
import type { AttachmentRow, Tables } from '../db/tables.js';
import type { Role } from '../principal.js';
import type { SignedFor } from './signed-urls.js';

/**
 * Whether the person a download URL was signed for may have the file now: their own unclaimed
 * upload, or a file of a case they may read (the same scope as `GET /cases/{id}`, from the backend),
 * and for a message's file, a message they may see (internal notes: agents only). Their role and
 * account are the ones their last verified token gave them (the `people` row).
 */
export class DownloadAccess {
  constructor(
    private readonly db: Kysely<Tables>,
    private readonly backend: Backend,
    private readonly schema: PortalSchema,
  ) {}

  async allows(file: AttachmentRow, who: SignedFor): Promise<boolean> {
    if (file.tenant !== who.tenant) return false;
    if (file.case_id === null) return file.person_id === who.personId;
    const caller = await this.callerOf(who);
    if (!caller) return false;
    if (!(await this.backend.getCase(caller, file.case_id))) return false;
    if (file.message_id === null || caller.principal.role === 'agent') return true;
    const message = await this.db
      .selectFrom('messages')
      .select('public')
      .where('tenant', '=', who.tenant)
      .where('case_id', '=', file.case_id)
      .where('id', '=', file.message_id)
      .executeTakeFirst();
    return Number(message?.public) === 1;
  }

  /** The caller as their last sign-in left them; null for a person the server does not know. */
  async callerOf(who: SignedFor): Promise<Caller | null> {
    const person = await this.db
      .selectFrom('people')
      .leftJoin('accounts', (j) => j.onRef('accounts.tenant', '=', 'people.tenant').onRef('accounts.id', '=', 'people.account_id'))
      .select(['people.id', 'people.sub', 'people.role', 'people.name', 'people.email', 'people.account_id', 'accounts.name as account_name'])
      .where('people.tenant', '=', who.tenant)
      .where('people.id', '=', who.personId)
      .executeTakeFirst();
    if (!person) return null;
    const role = person.role as Role;
    const account = person.account_id ? { id: person.account_id, name: person.account_name ?? person.account_id } : null;
    return {
      principal: { tenant: who.tenant, personId: person.id, sub: person.sub, role, accountId: person.account_id },
      viewer: viewerOf({ id: person.id, name: person.name, email: person.email, account }, role, this.schema),
    };
  }
}
