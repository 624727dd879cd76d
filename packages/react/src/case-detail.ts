import * as React from 'react';
import { createComponent } from '@lit/react';
import { CaseDetail as CaseDetailElement } from '@case-portal/elements';
import '@case-portal/elements/define/case-detail.js';
import { eventsOf } from './events.js';

/** `<case-detail>` as a React component (importing it registers the tag). */
export const CaseDetail = createComponent({
  react: React,
  tagName: 'case-detail',
  elementClass: CaseDetailElement,
  events: eventsOf('onCaseSelect', 'onCaseUpdated', 'onCaseMessageSent', 'onCaseError'),
  displayName: 'CaseDetail',
});
