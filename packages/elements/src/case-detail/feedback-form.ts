import type { ReactiveControllerHost } from 'lit';
import { RequestKey, type CaseRecord } from '@case-portal/core';
import type { PortalSetup } from '../shared/case-element.js';
import type { Translate } from '../shared/field-controls.js';
import type { FeedbackState } from './feedback.js';

const NO_FEEDBACK: FeedbackState = { rating: 0, comment: '', busy: false, error: '', ratingError: '' };

export interface FeedbackDeps {
  t: Translate;
  failureText(e: unknown, operation: string): string;
  /** Focus on the rating (it is required). */
  focusRating(): void;
  /** The backend has the rating. */
  sent(updated: CaseRecord): void;
}

/**
 * The rating form of a finished case: what the customer picked and wrote, and sending it with one
 * idempotency key per distinct rating and comment until it worked (a double click rates once; a
 * changed rating after a failure is a new request). Every change re-renders the host.
 */
export class FeedbackForm {
  state: FeedbackState = NO_FEEDBACK;
  private readonly key = new RequestKey();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly deps: FeedbackDeps,
  ) {}

  rate(rating: number): void {
    this.set({ ...this.state, rating, ratingError: '' });
  }

  comment(comment: string): void {
    this.set({ ...this.state, comment });
  }

  /** Another case: start over. */
  reset(): void {
    this.set(NO_FEEDBACK);
  }

  async submit(e: SubmitEvent, c: CaseRecord, setup: PortalSetup): Promise<void> {
    e.preventDefault();
    const f = this.state;
    if (f.busy) return;
    if (!f.rating) {
      this.set({ ...f, ratingError: this.deps.t('detail.feedback.required') });
      await this.host.updateComplete;
      this.deps.focusRating();
      return;
    }
    this.set({ ...f, busy: true, error: '', ratingError: '' });
    const comment = f.comment.trim();
    const input = comment ? { rating: f.rating, comment } : { rating: f.rating };
    try {
      const updated = await setup.adapter.submitFeedback(c.id, input, { idempotencyKey: this.key.for({ caseId: c.id, input }) });
      this.set(NO_FEEDBACK);
      this.key.reset();
      this.deps.sent(updated);
    } catch (err) {
      this.set({ ...this.state, busy: false, error: this.deps.failureText(err, 'submitFeedback') });
    }
  }

  private set(state: FeedbackState): void {
    this.state = state;
    this.host.requestUpdate();
  }
}
