import { CaseIndex, type CaseQuery, type CaseRecord, type Page } from '@case-portal/core';

/**
 * One page of cases a backend already chose as the caller's (the SQL scope, a vendor's query
 * filtered again), filtered, counted and sorted by core's CaseIndex: the memory adapter's
 * semantics. The index also applies core's `canRead`, which knows nothing of configured scopes,
 * agents or vendors: each case is indexed with a marker contact that makes it readable, and the
 * page is answered with the original records.
 */
export function pageOfScopedCases(cases: CaseRecord[], query: CaseQuery, limit: number): Page<CaseRecord> {
  const reader = { id: '\u0000scoped', name: '' };
  const byId = new Map(cases.map((c) => [c.id, c]));
  const index = new CaseIndex(cases.map((c) => ({ ...c, contacts: [...(c.contacts ?? []), reader] })));
  const { view: _view, ...rest } = query;
  const page = index.query({ ...rest, limit }, { id: reader.id, name: '', permissions: ['read'] });
  return { ...page, items: page.items.map((c) => byId.get(c.id)!) };
}
