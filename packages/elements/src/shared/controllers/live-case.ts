import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AdapterEvent, CaseAdapter } from '@case-portal/core';

export interface LiveTarget {
  adapter: CaseAdapter;
  caseId: string;
}

/**
 * Keeps one subscription to the adapter's live events for the case on screen (memory pushes, also
 * from other tabs; REST polls), for case-thread (new messages) and case-detail (the case changed).
 * After each update it compares the target with the one it follows: a new adapter or a new case
 * closes the old subscription and opens one for the new pair; no target (or an adapter without
 * `subscribe`) closes it. It stops when the host leaves the page and starts again when it comes
 * back. A late event for a case no longer followed is dropped. A `reset` (events were missed) is
 * passed on like the others: the hosts reload what they show.
 */
export class LiveCaseController implements ReactiveController {
  private unsubscribe?: () => void;
  private following?: LiveTarget;

  constructor(
    host: ReactiveControllerHost,
    private readonly target: () => LiveTarget | undefined,
    private readonly onEvent: (event: AdapterEvent) => void,
  ) {
    host.addController(this);
  }

  /** The adapter and case followed now, if any (for tests and the host's own checks). */
  get current(): LiveTarget | undefined {
    return this.following;
  }

  /** An update can still run after the host left the page: it must not subscribe again then. */
  private connected = false;

  hostConnected(): void {
    this.connected = true;
  }

  hostUpdated(): void {
    const next = this.connected ? this.target() : undefined;
    if (next?.adapter === this.following?.adapter && next?.caseId === this.following?.caseId) return;
    this.stop();
    if (!next?.adapter.subscribe) return;
    const following = { adapter: next.adapter, caseId: next.caseId };
    this.following = following;
    this.unsubscribe = next.adapter.subscribe({ caseId: following.caseId }, (event) => {
      // A reset without a case concerns every case, this one included.
      const ours = event.caseId === following.caseId || (event.type === 'reset' && event.caseId === undefined);
      if (ours && this.following === following) this.onEvent(event);
    });
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  private stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.following = undefined;
  }
}
