import * as React from 'react';
import { createComponent } from '@lit/react';
import { CasePortal as CasePortalElement } from '@case-portal/elements';
import '@case-portal/elements/define/case-portal.js';
import { eventsOf } from './events.js';

/** `<case-portal>` as a React component (importing it registers the tag). */
export const CasePortal = createComponent({
  react: React,
  tagName: 'case-portal',
  elementClass: CasePortalElement,
  events: eventsOf('onCaseSelect', 'onCaseQueryChange', 'onCaseCreateRequest', 'onCaseCreated', 'onCaseUpdated', 'onCaseMessageSent', 'onCaseError'),
  displayName: 'CasePortal',
});
