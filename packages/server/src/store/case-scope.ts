import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { CaseView, FieldType } from '@case-portal/core';
import type { Caller } from '../backend/types.js';
import type { ServerConfig } from '../config/types.js';
import type { DialectName } from '../db/database.js';
import type { Tables } from '../db/tables.js';
import { scopeExpression } from './scope-expr.js';

type Eb = ExpressionBuilder<Tables, 'cases'>;

/** The portal's scopes with what translating them needs. */
export interface ScopeRules {
  scopes: ServerConfig['scopes'];
  dialect: DialectName;
  fieldTypes: Record<string, FieldType>;
}

/**
 * Which cases a caller may read, as a WHERE condition: the portal's "mine" and "linked" scopes,
 * and with `read-account` its "account" scope (config `scopes`, defaults: requester, contact,
 * account); agents read every case of the tenant. A `view` narrows it to one of the three.
 */
export function scopeCondition(eb: Eb, caller: Caller, view: CaseView | undefined, rules: ScopeRules): Expression<SqlBool> {
  const { principal, viewer } = caller;
  if (!viewer.permissions.includes('read')) return eb.lit(false);
  const ctx = {
    tenant: principal.tenant,
    viewer: { id: principal.personId, account: viewer.account?.id ?? null, sub: principal.sub, email: viewer.email ?? null },
    dialect: rules.dialect,
    fieldTypes: rules.fieldTypes,
  };
  const scope = (name: keyof ServerConfig['scopes']) => scopeExpression(eb, rules.scopes[name], ctx);
  const account = () => (viewer.permissions.includes('read-account') ? scope('account') : eb.lit(false));
  if (view === 'mine') return scope('mine');
  if (view === 'linked') return scope('linked');
  if (view === 'account') return account();
  if (principal.role === 'agent') return eb.lit(true);
  return eb.or([scope('mine'), scope('linked'), account()]);
}

/** A keyword as a LIKE pattern that matches it literally: %, _ and the escape character lose their meaning. */
export function likePattern(keyword: string): string {
  return `%${keyword.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
