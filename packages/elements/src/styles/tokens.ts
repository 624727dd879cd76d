import { css } from 'lit';

/**
 * Design tokens: every colour, size and font goes through a --case-* custom property with a
 * fallback, so a host themes the portal by setting tokens on any ancestor and nothing else.
 * Custom properties inherit through shadow roots; selectors from the page do not.
 */
export const tokens = css`
  :host {
    --_font: var(--case-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--case-color-text, #1f2328);
    --_muted: var(--case-color-muted, #59636e);
    --_surface: var(--case-color-surface, #ffffff);
    --_surface-alt: var(--case-color-surface-alt, #f6f8fa);
    --_border: var(--case-color-border, #d1d9e0);
    --_accent: var(--case-color-accent, #0b57d0);
    --_accent-text: var(--case-color-accent-text, #ffffff);
    --_danger: var(--case-color-danger, #b3261e);
    --_success: var(--case-color-success, #1a7f37);
    --_warning: var(--case-color-warning, #9a6700);
    --_focus: var(--case-color-focus, #0b57d0);
    --_radius: var(--case-radius, 6px);
    --_space-1: var(--case-space-1, 0.25rem);
    --_space-2: var(--case-space-2, 0.5rem);
    --_space-3: var(--case-space-3, 0.75rem);
    --_space-4: var(--case-space-4, 1rem);
    --_space-6: var(--case-space-6, 1.5rem);
    --_font-size: var(--case-font-size, 0.9375rem);
    --_font-size-small: var(--case-font-size-small, 0.8125rem);
    --_font-size-large: var(--case-font-size-large, 1.25rem);
    --_shadow: var(--case-shadow, 0 1px 3px rgb(0 0 0 / 0.12));

    /* Status colours by category: backgrounds with text that passes WCAG AA on them. */
    --_status-new: var(--case-status-new, #ddf4ff);
    --_status-new-text: var(--case-status-new-text, #0a3069);
    --_status-open: var(--case-status-open, #dafbe1);
    --_status-open-text: var(--case-status-open-text, #116329);
    --_status-pending-agent: var(--case-status-pending-agent, #fff8c5);
    --_status-pending-agent-text: var(--case-status-pending-agent-text, #6b4b00);
    --_status-pending-customer: var(--case-status-pending-customer, #ffebe9);
    --_status-pending-customer-text: var(--case-status-pending-customer-text, #82071e);
    --_status-on-hold: var(--case-status-on-hold, #eaeef2);
    --_status-on-hold-text: var(--case-status-on-hold-text, #424a53);
    --_status-resolved: var(--case-status-resolved, #fbefff);
    --_status-resolved-text: var(--case-status-resolved-text, #6e2aa8);
    --_status-closed: var(--case-status-closed, #eaeef2);
    --_status-closed-text: var(--case-status-closed-text, #24292f);
    --_status-canceled: var(--case-status-canceled, #f6f8fa);
    --_status-canceled-text: var(--case-status-canceled-text, #57606a);
    --_status-merged: var(--case-status-merged, #f6f8fa);
    --_status-merged-text: var(--case-status-merged-text, #57606a);
  }
`;

/** Host defaults every element shares: no page CSS leaks in through inheritance of odd values. */
export const base = css`
  :host {
    display: block;
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.5;
    color: var(--_text);
    text-align: start;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  /* The embedded demo backend says so (shared/case-element.ts): unmistakable, not alarming. */
  .demo-notice {
    margin: 0 0 var(--_space-3);
    padding: var(--_space-2) var(--_space-3);
    border: 1px solid var(--_warning);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
`;

/** Buttons, inputs and messages, shared so every element looks like one product. */
export const controls = css`
  button,
  .button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
    min-height: 2.25rem;
    padding: var(--_space-1) var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    text-decoration: none;
  }
  button:hover:not(:disabled) {
    background: var(--_surface-alt);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  button.primary:hover:not(:disabled) {
    background: var(--_accent);
    filter: brightness(0.92);
  }
  button.danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    min-height: auto;
    color: var(--_accent);
    text-decoration: underline;
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-1) var(--_space-2);
    min-height: 2.25rem;
    max-width: 100%;
  }
  textarea {
    min-height: 6rem;
    width: 100%;
    resize: vertical;
  }
  label {
    font-weight: 600;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  /* A row of buttons that wraps on narrow screens. */
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    align-items: center;
  }
  .field {
    display: grid;
    gap: var(--_space-1);
  }
  .field-error {
    color: var(--_danger);
    font-size: var(--_font-size-small);
  }
  .hint {
    color: var(--_muted);
    font-size: var(--_font-size-small);
  }
  .error {
    color: var(--_danger);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_surface));
    border: 1px solid color-mix(in srgb, var(--_danger) 40%, var(--_surface));
    border-radius: var(--_radius);
    padding: var(--_space-2) var(--_space-3);
    display: flex;
    gap: var(--_space-3);
    align-items: center;
    justify-content: space-between;
    flex-wrap: wrap;
  }
  .status {
    display: inline-block;
    padding: 0 var(--_space-2);
    border-radius: 999px;
    font-size: var(--_font-size-small);
    font-weight: 600;
    white-space: nowrap;
  }
  .status[data-category='new'] { background: var(--_status-new); color: var(--_status-new-text); }
  .status[data-category='open'] { background: var(--_status-open); color: var(--_status-open-text); }
  .status[data-category='pending-agent'] { background: var(--_status-pending-agent); color: var(--_status-pending-agent-text); }
  .status[data-category='pending-customer'] { background: var(--_status-pending-customer); color: var(--_status-pending-customer-text); }
  .status[data-category='on-hold'] { background: var(--_status-on-hold); color: var(--_status-on-hold-text); }
  .status[data-category='resolved'] { background: var(--_status-resolved); color: var(--_status-resolved-text); }
  .status[data-category='closed'] { background: var(--_status-closed); color: var(--_status-closed-text); }
  .status[data-category='canceled'] { background: var(--_status-canceled); color: var(--_status-canceled-text); }
  .status[data-category='merged'] { background: var(--_status-merged); color: var(--_status-merged-text); }
`;
