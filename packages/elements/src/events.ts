import type { AdapterError, CaseQuery, CaseRecord, Message } from '@case-portal/core';

/**
 * All events the elements fire: bubbling, composed (they cross shadow roots), typed detail.
 * Fired for what the user did, never for programmatic property changes.
 */
abstract class CaseEvent<T> extends CustomEvent<T> {
  constructor(type: string, detail: T, cancelable = false) {
    super(type, { detail, bubbles: true, composed: true, cancelable });
  }
}

/** The user picked a case (list row, search result, related link). Cancelable: prevent to handle it yourself. */
export class CaseSelectEvent extends CaseEvent<{ caseId: string }> {
  static readonly eventName = 'case-select';
  constructor(caseId: string) {
    super(CaseSelectEvent.eventName, { caseId }, true);
  }
}

/** The list's query changed through the UI (sort, filter, keyword, page). */
export class CaseQueryChangeEvent extends CaseEvent<{ query: CaseQuery }> {
  static readonly eventName = 'case-query-change';
  constructor(query: CaseQuery) {
    super(CaseQueryChangeEvent.eventName, { query });
  }
}

export class CaseCreatedEvent extends CaseEvent<{ case: CaseRecord }> {
  static readonly eventName = 'case-created';
  constructor(record: CaseRecord) {
    super(CaseCreatedEvent.eventName, { case: record });
  }
}

export type CaseUpdateKind = 'update' | 'close' | 'cancel' | 'reopen' | 'feedback' | 'attach' | 'participants';

export class CaseUpdatedEvent extends CaseEvent<{ case: CaseRecord; action: CaseUpdateKind }> {
  static readonly eventName = 'case-updated';
  constructor(record: CaseRecord, action: CaseUpdateKind) {
    super(CaseUpdatedEvent.eventName, { case: record, action });
  }
}

export class CaseMessageSentEvent extends CaseEvent<{ caseId: string; message: Message }> {
  static readonly eventName = 'case-message-sent';
  constructor(caseId: string, message: Message) {
    super(CaseMessageSentEvent.eventName, { caseId, message });
  }
}

/** Something failed. `message` is what the element showed the user. */
export class CaseErrorEvent extends CaseEvent<{ error: AdapterError; operation: string; message: string }> {
  static readonly eventName = 'case-error';
  constructor(error: AdapterError, operation: string, message: string) {
    super(CaseErrorEvent.eventName, { error, operation, message });
  }
}

/** The user asked to create a case (e.g. the empty list's action). Cancelable. */
export class CaseCreateRequestEvent extends CaseEvent<Record<string, never>> {
  static readonly eventName = 'case-create-request';
  constructor() {
    super(CaseCreateRequestEvent.eventName, {}, true);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'case-select': CaseSelectEvent;
    'case-query-change': CaseQueryChangeEvent;
    'case-created': CaseCreatedEvent;
    'case-updated': CaseUpdatedEvent;
    'case-message-sent': CaseMessageSentEvent;
    'case-error': CaseErrorEvent;
    'case-create-request': CaseCreateRequestEvent;
  }
}
