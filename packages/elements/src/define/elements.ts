/**
 * Where each tag's class lives: the registry `loadElement` (define-element.ts) follows when an
 * element's `static dependencies` name a tag that is not defined yet. Dynamic imports, so in the
 * single file every element not in the first screen is a chunk of its own, fetched on demand;
 * a tag the entry already holds resolves without a fetch.
 */
export const elementLoaders: Record<string, () => Promise<CustomElementConstructor>> = {
  'case-portal': () => import('../case-portal/case-portal.js').then((m) => m.CasePortal),
  'case-list': () => import('../case-list/case-list.js').then((m) => m.CaseList),
  'case-search': () => import('../case-search/case-search.js').then((m) => m.CaseSearch),
  'case-detail': () => import('../case-detail/case-detail.js').then((m) => m.CaseDetail),
  'case-thread': () => import('../case-thread/case-thread.js').then((m) => m.CaseThread),
  'case-create': () => import('../case-create/case-create.js').then((m) => m.CaseCreate),
};
