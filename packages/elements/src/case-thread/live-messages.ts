import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AdapterEvent, CaseAdapter } from '@case-portal/core';

export interface LiveTarget {
  adapter: CaseAdapter;
  caseId: string;
}

/**
 * Keeps one subscription to the adapter's live events for the case on screen: memory pushes
 * (also from other tabs), REST polls. Re-subscribes when the adapter or case changes, stops when
 * the element leaves the page, and starts again when it comes back.
 */
export class LiveMessagesController implements ReactiveController {
  private unsubscribe?: () => void;
  private key?: LiveTarget;

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => LiveTarget | undefined,
    private readonly onEvent: (event: AdapterEvent) => void,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const next = this.target();
    if (next?.adapter === this.key?.adapter && next?.caseId === this.key?.caseId) return;
    this.stop();
    if (!next?.adapter.subscribe) return;
    this.key = next;
    const { caseId } = next;
    this.unsubscribe = next.adapter.subscribe({ caseId }, (event) => {
      // A late event of a case no longer on screen is dropped.
      if (event.caseId === caseId && this.key?.caseId === caseId) this.onEvent(event);
    });
  }

  hostDisconnected(): void {
    this.stop();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.key = undefined;
  }
}
