import type { PortalSchema } from '@case-portal/core';

/** Case attributes a scope may test, besides `fields.<key>`. */
export const SCOPE_FIELDS = ['requester', 'account', 'contact', 'status', 'origin', 'priority', 'category', 'service'] as const;
/** Stand-ins for the signed-in person, resolved per request from the verified token. */
export const VIEWER_VARIABLES = ['$viewer.id', '$viewer.account', '$viewer.sub', '$viewer.email'] as const;
const MAX_DEPTH = 8;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function valueProblems(v: unknown, path: string, field: string, portal: PortalSchema, problems: string[]): void {
  if (typeof v === 'string' && v.startsWith('$')) {
    if (!(VIEWER_VARIABLES as readonly string[]).includes(v)) problems.push(`${path}: unknown variable "${v}" (known: ${VIEWER_VARIABLES.join(', ')})`);
    return;
  }
  if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
    problems.push(`${path}: expected a string, number, true/false or a $viewer variable, got ${JSON.stringify(v)}`);
    return;
  }
  if (field === 'status' && !portal.statuses.some((s) => s.id === v)) problems.push(`${path}: no status "${String(v)}" in portal.statuses`);
}

function exprProblems(e: unknown, path: string, portal: PortalSchema, problems: string[], depth: number): void {
  if (!isObject(e)) {
    problems.push(`${path}: expected { field, eq } , { field, in }, { all: [...] } or { any: [...] }`);
    return;
  }
  if (depth > MAX_DEPTH) {
    problems.push(`${path}: nested deeper than ${MAX_DEPTH} levels`);
    return;
  }
  const keys = Object.keys(e);
  if ('all' in e || 'any' in e) {
    const op = 'all' in e ? 'all' : 'any';
    if (keys.length !== 1) problems.push(`${path}: "${op}" stands alone (found ${keys.join(', ')})`);
    const items = e[op];
    if (!Array.isArray(items) || items.length === 0) problems.push(`${path}.${op}: expected a non-empty list of conditions`);
    else items.forEach((x, i) => exprProblems(x, `${path}.${op}[${i}]`, portal, problems, depth + 1));
    return;
  }
  for (const k of keys) if (!['field', 'eq', 'in'].includes(k)) problems.push(`${path}.${k}: unknown key (known: field, eq, in, all, any)`);
  const field = e.field;
  if (typeof field !== 'string') {
    problems.push(`${path}.field: required (${SCOPE_FIELDS.join(', ')} or fields.<key>)`);
    return;
  }
  if (field.startsWith('fields.')) {
    const key = field.slice('fields.'.length);
    if (!portal.fields.some((f) => f.key === key)) problems.push(`${path}.field: no field "${key}" in portal.fields`);
  } else if (!(SCOPE_FIELDS as readonly string[]).includes(field)) {
    problems.push(`${path}.field: "${field}" is not ${SCOPE_FIELDS.join(', ')} or fields.<key>`);
  }
  if (('eq' in e) === ('in' in e)) {
    problems.push(`${path}: needs exactly one of "eq" or "in"`);
  } else if ('eq' in e) {
    valueProblems(e.eq, `${path}.eq`, field, portal, problems);
  } else if (!Array.isArray(e.in) || e.in.length === 0) {
    problems.push(`${path}.in: expected a non-empty list`);
  } else {
    e.in.forEach((v, i) => valueProblems(v, `${path}.in[${i}]`, field, portal, problems));
  }
}

/** Problems of the three scopes, each naming its key (`scopes.mine.any[1].field`). */
export function scopeProblems(scopes: unknown, portal: PortalSchema): string[] {
  const problems: string[] = [];
  if (!isObject(scopes)) return ['scopes: expected an object with mine, account and linked'];
  for (const name of ['mine', 'account', 'linked'] as const) {
    if (!(name in scopes)) problems.push(`scopes.${name}: required`);
    else exprProblems(scopes[name], `scopes.${name}`, portal, problems, 0);
  }
  return problems;
}

