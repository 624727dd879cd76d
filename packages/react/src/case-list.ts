import * as React from 'react';
import { createComponent } from '@lit/react';
import { CaseList as CaseListElement } from '@case-portal/elements';
import '@case-portal/elements/define/case-list.js';
import { eventsOf } from './events.js';

/** `<case-list>` as a React component (importing it registers the tag). */
export const CaseList = createComponent({
  react: React,
  tagName: 'case-list',
  elementClass: CaseListElement,
  events: eventsOf('onCaseSelect', 'onCaseQueryChange', 'onCaseCreateRequest', 'onCaseError'),
  displayName: 'CaseList',
});
