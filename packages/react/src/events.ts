import type { EventName } from '@lit/react';
import {
  CaseCreatedEvent,
  CaseCreateRequestEvent,
  CaseErrorEvent,
  CaseMessageSentEvent,
  CaseQueryChangeEvent,
  CaseSelectEvent,
  CaseUpdatedEvent,
} from '@case-portal/elements';

/**
 * React event props → the elements' event names, typed with the event classes (so `onCaseSelect`
 * receives a `CaseSelectEvent`). Names come from each class's `eventName`: one spelling, no drift.
 * Every event bubbles and is composed, so a wrapper also hears the events of the elements inside it.
 */
export const caseEvents = {
  onCaseSelect: CaseSelectEvent.eventName as EventName<CaseSelectEvent>,
  onCaseQueryChange: CaseQueryChangeEvent.eventName as EventName<CaseQueryChangeEvent>,
  onCaseCreateRequest: CaseCreateRequestEvent.eventName as EventName<CaseCreateRequestEvent>,
  onCaseCreated: CaseCreatedEvent.eventName as EventName<CaseCreatedEvent>,
  onCaseUpdated: CaseUpdatedEvent.eventName as EventName<CaseUpdatedEvent>,
  onCaseMessageSent: CaseMessageSentEvent.eventName as EventName<CaseMessageSentEvent>,
  onCaseError: CaseErrorEvent.eventName as EventName<CaseErrorEvent>,
};

export type CaseEventProp = keyof typeof caseEvents;

/** The subset of `caseEvents` an element fires (itself or through the elements it renders). */
export function eventsOf<K extends CaseEventProp>(...props: K[]): Pick<typeof caseEvents, K> {
  const out = {} as Pick<typeof caseEvents, K>;
  for (const p of props) out[p] = caseEvents[p];
  return out;
}
