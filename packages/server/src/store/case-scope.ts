import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { CaseView } from '@case-portal/core';
import type { Caller } from '../backend/types.js';
import type { Tables } from '../db/tables.js';

type Eb = ExpressionBuilder<Tables, 'cases'>;

/**
 * Which cases a caller may read, as a WHERE condition (core's `canRead`, in SQL): their own, those
 * they are a contact of, and with `read-account` their account's; agents read every case of the
 * tenant. A `view` narrows it to one of the three.
 */
export function scopeCondition(eb: Eb, caller: Caller, view: CaseView | undefined): Expression<SqlBool> {
  const { principal, viewer } = caller;
  if (!viewer.permissions.includes('read')) return eb.lit(false);
  const own = eb('cases.requester_id', '=', principal.personId);
  const linked = eb(
    'cases.id',
    'in',
    eb.selectFrom('case_contacts').select('case_contacts.case_id').where('case_contacts.tenant', '=', principal.tenant).where('case_contacts.person_id', '=', principal.personId),
  );
  const accountId = viewer.permissions.includes('read-account') ? (viewer.account?.id ?? null) : null;
  const account = accountId ? eb('cases.account_id', '=', accountId) : eb.lit(false);
  if (view === 'mine') return own;
  if (view === 'linked') return linked;
  if (view === 'account') return account;
  if (principal.role === 'agent') return eb.lit(true);
  return eb.or([own, linked, account]);
}

/** A keyword as a LIKE pattern that matches it literally: %, _ and the escape character lose their meaning. */
export function likePattern(keyword: string): string {
  return `%${keyword.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
