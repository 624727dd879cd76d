import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, type Availability, type CaseRecord } from '@case-portal/core';
import { controlId, fieldMessages } from '../shared/field-controls.js';
import type { DetailView } from './view.js';
import { renderFailureBox } from '../shared/failure.js';

export interface FeedbackState {
  rating: number;
  comment: string;
  busy: boolean;
  error: string;
  ratingError: string;
}

const STARS = [1, 2, 3, 4, 5];

/**
 * The customer's rating: read-only once given, a 1–5 radio group with notes once the case is
 * resolved, closed or canceled, nothing before that (or when the schema switches feedback off).
 * Radios, not a custom widget: arrow keys, labels and required-ness come from the platform.
 */
export function renderFeedback(
  c: CaseRecord,
  availability: Availability,
  s: FeedbackState,
  v: DetailView,
  on: { rate(n: number): void; comment(text: string): void; submit(e: SubmitEvent): void },
): TemplateResult | typeof nothing {
  const t = v.i18n.t.bind(v.i18n);
  if (c.feedback) {
    const f = c.feedback;
    return html`<section part="feedback" aria-labelledby="feedback-h">
      <h3 id="feedback-h">${t('detail.feedback')}</h3>
      <p class="stars" aria-hidden="true">${STARS.map((n) => html`<span data-filled=${n <= f.rating ? 'true' : 'false'}>★</span>`)}</p>
      <p part="feedback-given">
        ${t('detail.feedback.given', { rating: f.rating, date: formatDate(f.submittedAt, v.i18n.locale, 'date', v.timeZone) })}
      </p>
      ${f.comment ? html`<blockquote class="feedback-comment">${f.comment}</blockquote>` : nothing}
    </section>`;
  }
  if (!availability.allowed) return nothing;
  const commentId = controlId('feedback-comment');
  return html`<section part="feedback" aria-labelledby="feedback-h">
    <h3 id="feedback-h">${t('detail.feedback')}</h3>
    <form class="feedback-form" @submit=${on.submit} novalidate>
      <fieldset class="rating" aria-describedby="rating-scale rating-error" aria-invalid=${s.ratingError ? 'true' : 'false'}>
        <legend>${t('detail.feedback.question')}</legend>
        <div class="stars">
          ${STARS.map(
            (n) => html`<input
                class="visually-hidden"
                type="radio"
                name="rating"
                id="rating-${n}"
                value=${n}
                required
                .checked=${s.rating === n}
                @change=${() => on.rate(n)}
              /><label for="rating-${n}" data-filled=${n <= s.rating ? 'true' : 'false'}
                ><span aria-hidden="true">★</span><span class="visually-hidden">${t('detail.feedback.rating', { count: n })}</span></label
              >`,
          )}
        </div>
        <p id="rating-scale" class="hint">${t('detail.feedback.scale')}</p>
        <p id="rating-error" class="field-error">${s.ratingError}</p>
      </fieldset>
      <div class="field">
        <label for=${commentId}>${t('detail.feedback.comment')}</label>
        <textarea
          id=${commentId}
          name="comment"
          rows="3"
          aria-describedby="${commentId}-error"
          .value=${s.comment}
          @input=${(e: Event) => on.comment((e.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${fieldMessages(commentId, undefined)}
      </div>
      ${s.error ? renderFailureBox(s.error, { retryLabel: t('common.retry'), part: null }) : nothing}
      <div>
        <button type="submit" class="primary" part="feedback-submit" ?disabled=${s.busy}>
          ${s.busy ? t('detail.working') : t('detail.feedback.submit')}
        </button>
      </div>
    </form>
  </section>`;
}
