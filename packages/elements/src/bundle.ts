/**
 * The single file (dist/case-portal.js): a plain page needs one <script type="module"> and one tag.
 *
 * This entry holds only the first screen: the portal, the list and the REST adapter.
 * Everything else is a chunk next to it (vite.bundle.config.ts), fetched relative to this file's
 * own URL, so a CDN folder works as well as the page's own server:
 *   - the case view, the conversation and the create form: when the portal first shows one or the
 *     page holds one of its own (define/autoload.ts), and the
 *     case view with its conversation in an idle moment once the list has painted (define/elements.ts);
 *   - the search: once the portal's list has painted (at once when the portal opens on another
 *     view), or when the page holds a `<case-search>` of its own;
 *   - the templates engine: when a list has a <template> (case-list/list-template.ts);
 *   - the memory adapter with its seed: when an element without `api` makes its first call.
 *
 * Without an `api` attribute an element runs on the embedded memory backend (demo data kept in
 * the browser); with `api="/api/portal"` it speaks the documented REST contract.
 */
import type { CaseAdapter } from '@case-portal/core';
import { RestAdapter } from '@case-portal/adapter-rest';
import { setDefaultAdapterFactory } from './shared/defaults.js';
import { lazyAdapter } from './shared/lazy-adapter.js';
import { defineElement, loadElement } from './define/define-element.js';
import { autoloadTags } from './define/autoload.js';
import { CasePortal } from './case-portal/case-portal.js';
import { CaseList } from './case-list/case-list.js';

// The other tags load when something asks for them (the portal's view, the idle preload).
for (const [tag, ctor] of [
  ['case-portal', CasePortal],
  ['case-list', CaseList],
] as const) {
  defineElement(tag, ctor, { dependencies: 'on-demand' });
}

// The page's own tags (a standalone case view or search, an editor's form) load when they are in the page.
autoloadTags(document, ['case-search', 'case-detail', 'case-thread', 'case-create'], loadElement);

/** The memory adapter's module (MemoryAdapter, demoSchema, …): its own chunk, with the seed. */
export const loadMemoryModule = () => import('@case-portal/adapter-memory');

/** The embedded demo backend, fetched on first use. */
export function loadMemoryAdapter(): Promise<CaseAdapter> {
  return loadMemoryModule().then((m) => new m.MemoryAdapter());
}

setDefaultAdapterFactory((api, { tokenUrl }) =>
  api ? new RestAdapter({ baseUrl: api, ...(tokenUrl ? { tokenUrl } : {}) }) : lazyAdapter(loadMemoryAdapter, { local: true }),
);

export { CaseElement, type PortalSetup } from './shared/case-element.js';
export { CasePortal, CaseList, RestAdapter };
export * from './events.js';
export * from './context.js';
export { setDefaultAdapterFactory, type AdapterFactory, type AdapterFactoryOptions } from './shared/defaults.js';
// Drafts do not outlive the person: a host clears them on sign-out and may shorten their lifetime.
export { clearDrafts, setDraftLifetime } from './shared/draft-storage.js';
export { registerCatalog, createI18n, type Catalog, type I18n, type MessageKey } from './i18n/i18n.js';
export { defineElement, loadElement } from './define/define-element.js';
// The one URL gate and the `case-url` pattern: the search, the templates and the case view use them,
// each from a chunk of its own. Exported from this file so they live here: in one of those chunks
// they would make the others fetch it (the search would pull in the whole case view).
export { safeUrl } from '@case-portal/core';
export { caseUrlFor } from './shared/case-url.js';
// The one rule for links to a case (portal, else `case-url`): the list, the search, the form and the case view.
export { CaseLinks } from './shared/case-links.js';
