// Classes only: importing this module registers nothing. Use ./define/*.js to register tags.
export { CaseElement, type PortalSetup } from './shared/case-element.js';
export { CasePortal, type PortalRoute } from './case-portal/case-portal.js';
export { CaseList } from './case-list/case-list.js';
export { CaseDetail } from './case-detail/case-detail.js';
export { CaseThread } from './case-thread/case-thread.js';
export { CaseCreate } from './case-create/case-create.js';
export { CaseSearch } from './case-search/case-search.js';
export * from './events.js';
export * from './context.js';
export { setDefaultAdapterFactory, type AdapterFactory, type AdapterFactoryOptions } from './shared/defaults.js';
// Drafts do not outlive the person: a host clears them on sign-out and may shorten their lifetime.
export { clearDrafts, setDraftLifetime } from './shared/drafts.js';
export { registerCatalog, createI18n, type Catalog, type I18n, type MessageKey } from './i18n/i18n.js';
export { defineElement } from './define/define-element.js';
