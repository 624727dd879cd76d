import * as React from 'react';
import { createComponent } from '@lit/react';
import { CaseThread as CaseThreadElement } from '@case-portal/elements';
import '@case-portal/elements/define/case-thread.js';
import { eventsOf } from './events.js';

/** `<case-thread>` as a React component (importing it registers the tag). */
export const CaseThread = createComponent({
  react: React,
  tagName: 'case-thread',
  elementClass: CaseThreadElement,
  events: eventsOf('onCaseMessageSent', 'onCaseError'),
  displayName: 'CaseThread',
});
