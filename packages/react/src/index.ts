// React components for every case portal element, made with @lit/react's createComponent:
// properties are set as properties (adapter, caseId, …), events arrive through typed onCase… props.
export { CasePortal } from './case-portal.js';
export { CaseList } from './case-list.js';
export { CaseSearch } from './case-search.js';
export { CaseDetail } from './case-detail.js';
export { CaseThread } from './case-thread.js';
export { CaseCreate } from './case-create.js';
export { caseEvents, type CaseEventProp } from './events.js';
