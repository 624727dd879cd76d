import { RestAdapter } from '@case-portal/adapter-rest';
import { CaseSelectEvent, type CaseErrorEvent } from '@case-portal/elements';
import './branded-list.js';

const adapter = new RestAdapter({ baseUrl: '/api', getToken: () => 'consumer-token' });
const branded = document.querySelector('branded-case-list')!;
branded.adapter = adapter;
branded.addEventListener(CaseSelectEvent.eventName, (e: CaseSelectEvent) => console.log('selected', e.detail.caseId));
branded.addEventListener('case-error', (e: CaseErrorEvent) => console.error('case-error', e.detail.error.code));
