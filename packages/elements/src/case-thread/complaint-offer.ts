import type { ReactiveControllerHost } from 'lit';

export interface ComplaintOfferDeps {
  /** Clears the complaint's send error (the form is hidden; its text stays as a draft). */
  clearError(): void;
  /** Moves focus after the next render: to the complaint's textarea, or back to its toggle. */
  focus(target: 'input' | 'toggle'): void;
}

/**
 * The complaint offer on a finished case: whether its form is open, and the thank-you line after
 * one went. The text itself is a draft in the Outbox; a stored draft opens the form again.
 */
export class ComplaintOffer {
  open = false;
  sent = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: ComplaintOfferDeps,
  ) {}

  readonly show = (): void => {
    this.set(true, false);
    this.deps.focus('input');
  };

  /** Hides the form; the text stays as a draft for next time. */
  readonly hide = (): void => {
    this.set(false, this.sent);
    this.deps.clearError();
    this.deps.focus('toggle');
  };

  /** The drafts of a case were loaded: one with text reopens the form. */
  restored(body: string): void {
    if (body) this.set(true, this.sent);
  }

  /** The backend has the complaint: the form closes and thanks the customer. */
  delivered(): void {
    this.set(false, true);
  }

  /** Another case. */
  reset(): void {
    this.set(false, false);
  }

  private set(open: boolean, sent: boolean): void {
    if (open === this.open && sent === this.sent) return;
    this.open = open;
    this.sent = sent;
    this.host.requestUpdate();
  }
}
