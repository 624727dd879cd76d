import type { ExpressionBuilder, Expression, SqlBool } from 'kysely';
import type { CaseView, FieldType } from '@case-portal/core';
import type { Caller } from '../backend/types.js';
import type { ScopeExpr, ServerConfig } from '../config/types.js';
import type { DialectName } from '../db/database.js';
import type { Tables } from '../db/tables.js';
import { leafValues, scopeExpression, type ScopeContext } from './scope-expr.js';

type Eb = ExpressionBuilder<Tables, 'cases'>;

/** The portal's scopes with what translating them needs. */
export interface ScopeRules {
  scopes: ServerConfig['scopes'];
  dialect: DialectName;
  fieldTypes: Record<string, FieldType>;
}

/** A scope split at its top-level `any`s: each arm becomes its own index-friendly SELECT. */
function arms(e: ScopeExpr): ScopeExpr[] {
  return 'any' in e ? e.any.flatMap(arms) : [e];
}

/** The ids one arm selects, or null when it can match nothing (a `$viewer.*` the viewer lacks). */
function armIds(eb: Eb, arm: ScopeExpr, ctx: ScopeContext) {
  if ('field' in arm) {
    const values = leafValues(arm, ctx);
    if (values.length === 0) return null;
    if (arm.field === 'contact') {
      return eb.selectFrom('case_contacts').select('case_contacts.case_id as id').where('case_contacts.tenant', '=', ctx.tenant).where('case_contacts.person_id', 'in', values.map(String));
    }
  }
  return eb.selectFrom('cases').select('cases.id as id').where('cases.tenant', '=', ctx.tenant).where((inner) => scopeExpression(inner, arm, ctx));
}

/**
 * `cases.id IN (arm UNION ALL arm …)`. Written as one OR, the planners of both databases walked
 * every case of the tenant (150 ms for a customer's list at 100,000 cases on SQLite): an OR with a
 * subquery uses no index. Each arm alone uses its own (requester, account, contacts). UNION ALL,
 * not UNION: SQLite's merge-union wants each arm sorted by id and then prefers the primary key.
 */
function scopedIds(eb: Eb, exprs: ScopeExpr[], ctx: ScopeContext, withoutContacts: boolean): Expression<SqlBool> {
  const live = liveArms(exprs, ctx).filter((arm) => !(withoutContacts && isContactArm(arm)));
  if (live.length === 0) return eb.lit(false);
  // One arm is tested on the outer query itself: its index also gives the list's order (account, updated_at).
  if (live.length === 1) return scopeExpression(eb, live[0]!, ctx);
  const parts = live.flatMap((arm) => armIds(eb, arm, ctx) ?? []);
  const [first, ...rest] = parts;
  return eb('cases.id', 'in', rest.reduce((q, p) => q.unionAll(p), first!));
}

/**
 * What a caller reads in a view: everything (an agent's tenant), nothing, or the union of these
 * scopes; `notOwn` takes the viewer's own cases out of it ("Cases I'm copied on").
 */
type Reach = 'all' | 'none' | { exprs: ScopeExpr[]; ctx: ScopeContext; notOwn?: true };

function reachOf(caller: Caller, view: CaseView | undefined, rules: ScopeRules): Reach {
  const { principal, viewer } = caller;
  if (!viewer.permissions.includes('read')) return 'none';
  if (principal.role === 'agent' && !view) return 'all';
  const ctx: ScopeContext = {
    tenant: principal.tenant,
    viewer: { id: principal.personId, account: viewer.account?.id ?? null, sub: principal.sub, email: viewer.email ?? null },
    dialect: rules.dialect,
    fieldTypes: rules.fieldTypes,
  };
  const { mine, linked, account } = rules.scopes;
  const mayReadAccount = viewer.permissions.includes('read-account');
  if (view === 'mine') return { exprs: [mine], ctx };
  // "Cases I'm copied on" means other people's cases: the viewer's own stay under "mine" even when
  // they are also listed among the people copied (issue 13, defect 4).
  if (view === 'linked') return { exprs: [linked], ctx, notOwn: true };
  if (view === 'account') return mayReadAccount ? { exprs: [account], ctx } : 'none';
  return { exprs: mayReadAccount ? [mine, linked, account] : [mine, linked], ctx };
}

/** The arms of a union that can match something for this viewer. */
const liveArms = (exprs: ScopeExpr[], ctx: ScopeContext) => exprs.flatMap(arms).filter((arm) => !('field' in arm) || leafValues(arm, ctx).length > 0);

/**
 * Which cases a caller may read, as a WHERE condition: the portal's "mine" and "linked" scopes,
 * and with `read-account` its "account" scope (config `scopes`, defaults: requester, contact,
 * account); agents read every case of the tenant. A `view` narrows it to one of the three.
 */
export function scopeCondition(eb: Eb, caller: Caller, view: CaseView | undefined, rules: ScopeRules, options: { withoutContacts?: boolean } = {}): Expression<SqlBool> {
  const reach = reachOf(caller, view, rules);
  if (reach === 'none') return eb.lit(false);
  if (reach === 'all') return eb.lit(true);
  // Contact arms left out: only for a caller whose contact arms were just found to hold no links (countedScope).
  const ids = scopedIds(eb, reach.exprs, reach.ctx, options.withoutContacts ?? false);
  return reach.notOwn ? eb.and([ids, eb('cases.requester_id', '<>', reach.ctx.viewer.id)]) : ids;
}

const isContactArm = (arm: ScopeExpr): arm is Extract<ScopeExpr, { field: string }> => 'field' in arm && arm.field === 'contact';

/** A scope whose status counts the `case_status_counts` table keeps (store/status-counts-migration.ts). */
export interface CountedScope {
  scope: 'tenant' | 'requester' | 'account';
  /** The scope's keys: '' for the tenant; the cases of several requesters or accounts never overlap, so their counts add up. */
  keys: string[];
  /**
   * The people of the scope's contact arms (a customer's "linked" cases under the default scopes):
   * the counts hold exactly when none of them is a contact of any case, and then the page may leave
   * those arms out (`scopeCondition(…, { withoutContacts: true })`). Empty: nothing to check.
   */
  contacts: string[];
}

/**
 * The counted scope that holds exactly the cases `scopeCondition` lets this caller read in this
 * view, or null when there is none: an agent's tenant, or a single arm on the requester or account
 * column (a supervisor's account view, a customer's "mine"), beside which only contact arms may stand
 * (a customer's default list: mine ∪ linked), which must then hold nothing. Two counted arms may
 * overlap (a supervisor's own cases are in their account), so their counts would not add up.
 */
export function countedScope(caller: Caller, view: CaseView | undefined, rules: ScopeRules): CountedScope | null {
  const reach = reachOf(caller, view, rules);
  if (reach === 'all') return { scope: 'tenant', keys: [''], contacts: [] };
  // Without the viewer's own cases, no counted scope holds exactly these.
  if (reach === 'none' || reach.notOwn) return null;
  const live = liveArms(reach.exprs, reach.ctx);
  const counted = live.filter((arm) => !isContactArm(arm));
  const arm = counted.length === 1 ? counted[0]! : null;
  if (!arm || !('field' in arm) || (arm.field !== 'requester' && arm.field !== 'account')) return null;
  const contacts = live.filter(isContactArm).flatMap((c) => leafValues(c, reach.ctx).map(String));
  return { scope: arm.field, keys: [...new Set(leafValues(arm, reach.ctx).map(String))], contacts: [...new Set(contacts)] };
}

/** A keyword as a LIKE pattern that matches it literally: %, _ and the escape character lose their meaning. */
export function likePattern(keyword: string): string {
  return `%${keyword.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
