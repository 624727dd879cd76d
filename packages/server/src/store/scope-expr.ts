import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { FieldType } from '@case-portal/core';
import type { ScopeExpr } from '../config/types.js';
import type { DialectName } from '../db/database.js';
import type { Tables } from '../db/tables.js';

type Eb = ExpressionBuilder<Tables, 'cases'>;
type Scalar = string | number | boolean;

/** What a scope's `$viewer.*` variables stand for in one request, and how to read case JSON. */
export interface ScopeContext {
  tenant: string;
  viewer: { id: string; account: string | null; sub: string; email: string | null };
  dialect: DialectName;
  /** Custom field types, so `eq` on a multichoice field means "the list holds it". */
  fieldTypes: Record<string, FieldType>;
}

/** Columns the store keeps beside the case JSON: tested directly (and indexed, for requester and account). */
const COLUMNS = { requester: 'cases.requester_id', account: 'cases.account_id', status: 'cases.status', origin: 'cases.origin' } as const;
/** Built-in attributes read from the case JSON. */
const JSON_ATTRIBUTES = new Set(['priority', 'category', 'service']);

/** The values a leaf compares with, `$viewer.*` resolved; a variable the viewer lacks drops out. */
export function leafValues(e: Extract<ScopeExpr, { field: string }>, ctx: ScopeContext): Scalar[] {
  return ('eq' in e ? [e.eq] : e.in).map((v) => resolve(v, ctx)).filter((v): v is Scalar => v !== null);
}

function resolve(v: Scalar, ctx: ScopeContext): Scalar | null {
  switch (v) {
    case '$viewer.id':
      return ctx.viewer.id;
    case '$viewer.account':
      return ctx.viewer.account;
    case '$viewer.sub':
      return ctx.viewer.sub;
    case '$viewer.email':
      return ctx.viewer.email;
    default:
      return v;
  }
}

/**
 * One JSON value of the case document compared with a bound value, on either database.
 * SQLite: json_extract with a bound path (field keys are restricted to [A-Za-z0-9_-] by the config
 * check, and quoted in the path anyway); booleans by json_type, since json_extract turns them into 1/0.
 * PostgreSQL: jsonb equality (`#>` with a bound text[] path), so 42 and "42" stay different as in SQLite.
 */
function jsonEquals(path: string[], value: Scalar, holds: boolean, ctx: ScopeContext): Expression<SqlBool> {
  if (ctx.dialect === 'postgres') {
    const at = sql`(cases.doc::jsonb #> ${path}::text[])`;
    return holds ? sql<SqlBool>`${at} @> ${JSON.stringify([value])}::jsonb` : sql<SqlBool>`${at} = ${JSON.stringify(value)}::jsonb`;
  }
  const jsonPath = `$.${path.map((p) => `"${p}"`).join('.')}`;
  if (holds) return sql<SqlBool>`exists (select 1 from json_each(cases.doc, ${jsonPath}) as e where e.value = ${typeof value === 'boolean' ? Number(value) : value})`;
  if (typeof value === 'boolean') return sql<SqlBool>`json_type(cases.doc, ${jsonPath}) = ${value ? 'true' : 'false'}`;
  return sql<SqlBool>`json_extract(cases.doc, ${jsonPath}) = ${value}`;
}

/**
 * A portal admin's scope expression as a Kysely condition on `cases`. Never SQL text from the
 * config: field names choose among fixed columns and JSON paths, values are bound parameters.
 */
export function scopeExpression(eb: Eb, e: ScopeExpr, ctx: ScopeContext): Expression<SqlBool> {
  if ('all' in e) return eb.and(e.all.map((x) => scopeExpression(eb, x, ctx)));
  if ('any' in e) return eb.or(e.any.map((x) => scopeExpression(eb, x, ctx)));
  const values = leafValues(e, ctx);
  if (values.length === 0) return eb.lit(false);
  const field = e.field;
  if (field in COLUMNS) return eb(COLUMNS[field as keyof typeof COLUMNS], 'in', values.map(String));
  if (field === 'contact') {
    return eb(
      'cases.id',
      'in',
      eb.selectFrom('case_contacts').select('case_contacts.case_id').where('case_contacts.tenant', '=', ctx.tenant).where('case_contacts.person_id', 'in', values.map(String)),
    );
  }
  const key = field.startsWith('fields.') ? field.slice('fields.'.length) : field;
  const path = field.startsWith('fields.') ? ['fields', key] : JSON_ATTRIBUTES.has(field) ? [field] : null;
  // The config check refuses any other field; a config built in code that slips past it matches nothing.
  if (!path) return eb.lit(false);
  const holds = path[0] === 'fields' && ctx.fieldTypes[key] === 'multichoice';
  return eb.or(values.map((v) => jsonEquals(path, v, holds, ctx)));
}
