import * as React from 'react';
import { createComponent } from '@lit/react';
import { CaseCreate as CaseCreateElement } from '@case-portal/elements';
import '@case-portal/elements/define/case-create.js';
import { eventsOf } from './events.js';

/** `<case-create>` as a React component (importing it registers the tag). */
export const CaseCreate = createComponent({
  react: React,
  tagName: 'case-create',
  elementClass: CaseCreateElement,
  events: eventsOf('onCaseCreated', 'onCaseSelect', 'onCaseError'),
  displayName: 'CaseCreate',
});
