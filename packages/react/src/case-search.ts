import * as React from 'react';
import { createComponent } from '@lit/react';
import { CaseSearch as CaseSearchElement } from '@case-portal/elements';
import '@case-portal/elements/define/case-search.js';
import { eventsOf } from './events.js';

/** `<case-search>` as a React component (importing it registers the tag). */
export const CaseSearch = createComponent({
  react: React,
  tagName: 'case-search',
  elementClass: CaseSearchElement,
  events: eventsOf('onCaseSelect', 'onCaseError'),
  displayName: 'CaseSearch',
});
