import { css } from 'lit';

/**
 * Design tokens: every colour, size and font goes through a --case-* custom property with a
 * fallback, so a host themes the portal by setting tokens on any ancestor and nothing else.
 * Custom properties inherit through shadow roots; selectors from the page do not.
 *
 * Two tiers. Brand tokens, the few a site sets: `--case-color-accent`, `--case-radius`,
 * `--case-font-family`, `--case-density` (1 = default; 0.85 compact, 1.15 roomy) and
 * `--case-color-scheme` (`light dark`, the default, follows the visitor's system; `light`; `dark`;
 * the `theme` attribute sets it too). Component tokens (every other --case-*) default to values
 * derived from those: the focus ring from the accent, every gap and control height from the density,
 * and each colour as `light-dark(light value, dark value)`, which the colour scheme picks.
 */
export const tokens = css`
  :host {
    color-scheme: var(--case-color-scheme, light dark);
    --_density: var(--case-density, 1);
    --_font: var(--case-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_background: var(--case-color-background, light-dark(transparent, #0d1117));
    --_text: var(--case-color-text, light-dark(#1f2328, #e6edf3));
    --_muted: var(--case-color-muted, light-dark(#59636e, #9198a1));
    --_surface: var(--case-color-surface, light-dark(#ffffff, #151b23));
    --_surface-alt: var(--case-color-surface-alt, light-dark(#f6f8fa, #212830));
    --_border: var(--case-color-border, light-dark(#d1d9e0, #3d444d));
    /* What shows where a field is (WCAG 1.4.11): at least 3:1 against the surface, unlike separators. */
    --_control-border: var(--case-color-control-border, light-dark(#818b98, #768390));
    --_accent: var(--case-color-accent, light-dark(#0b57d0, #4493f8));
    --_accent-text: var(--case-color-accent-text, light-dark(#ffffff, #0d1117));
    --_danger: var(--case-color-danger, light-dark(#b3261e, #f85149));
    --_success: var(--case-color-success, light-dark(#1a7f37, #3fb950));
    --_warning: var(--case-color-warning, light-dark(#9a6700, #d29922));
    --_focus: var(--case-color-focus, var(--_accent));
    --_radius: var(--case-radius, 6px);
    --_space-1: var(--case-space-1, calc(0.25rem * var(--_density)));
    --_space-2: var(--case-space-2, calc(0.5rem * var(--_density)));
    --_space-3: var(--case-space-3, calc(0.75rem * var(--_density)));
    --_space-4: var(--case-space-4, calc(1rem * var(--_density)));
    --_space-6: var(--case-space-6, calc(1.5rem * var(--_density)));
    /* Never below 24px (WCAG 2.5.8 target size), however compact. */
    --_control-height: var(--case-control-height, max(1.5rem, calc(2.25rem * var(--_density))));
    --_font-size: var(--case-font-size, 0.9375rem);
    --_font-size-small: var(--case-font-size-small, 0.8125rem);
    --_font-size-large: var(--case-font-size-large, 1.25rem);
    --_shadow: var(--case-shadow, 0 1px 3px light-dark(rgb(0 0 0 / 0.12), rgb(0 0 0 / 0.5)));

    /* Status colours by category: backgrounds with text that passes WCAG AA on them, in both schemes. */
    --_status-new: var(--case-status-new, light-dark(#ddf4ff, #0c2d6b));
    --_status-new-text: var(--case-status-new-text, light-dark(#0a3069, #a5d6ff));
    --_status-open: var(--case-status-open, light-dark(#dafbe1, #033a16));
    --_status-open-text: var(--case-status-open-text, light-dark(#116329, #7ee787));
    --_status-pending-agent: var(--case-status-pending-agent, light-dark(#fff8c5, #4b3800));
    --_status-pending-agent-text: var(--case-status-pending-agent-text, light-dark(#6b4b00, #f2cc60));
    --_status-pending-customer: var(--case-status-pending-customer, light-dark(#ffebe9, #5d0f12));
    --_status-pending-customer-text: var(--case-status-pending-customer-text, light-dark(#82071e, #ffa198));
    --_status-on-hold: var(--case-status-on-hold, light-dark(#eaeef2, #2f353d));
    --_status-on-hold-text: var(--case-status-on-hold-text, light-dark(#424a53, #d1d9e0));
    --_status-resolved: var(--case-status-resolved, light-dark(#fbefff, #3c1e70));
    --_status-resolved-text: var(--case-status-resolved-text, light-dark(#6e2aa8, #d2a8ff));
    --_status-closed: var(--case-status-closed, light-dark(#eaeef2, #2f353d));
    --_status-closed-text: var(--case-status-closed-text, light-dark(#24292f, #e6edf3));
    --_status-canceled: var(--case-status-canceled, light-dark(#f6f8fa, #212830));
    --_status-canceled-text: var(--case-status-canceled-text, light-dark(#57606a, #9198a1));
    --_status-merged: var(--case-status-merged, light-dark(#f6f8fa, #212830));
    --_status-merged-text: var(--case-status-merged-text, light-dark(#57606a, #9198a1));
  }
  /* theme="light" | "dark" on an element: it and everything inside it (a portal's children too). */
  :host([theme='light']) {
    --case-color-scheme: light;
  }
  :host([theme='dark']) {
    --case-color-scheme: dark;
  }
`;

/** Host defaults every element shares: no page CSS leaks in through inheritance of odd values. */
export const base = css`
  :host {
    display: block;
    box-sizing: border-box;
    background-color: var(--_background);
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
  /* A visitor who asked for less motion gets none (WCAG 2.3.3): transitions and animations end at once. */
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      transition-duration: 0s !important;
      transition-delay: 0s !important;
      animation-duration: 0s !important;
      animation-iteration-count: 1 !important;
      scroll-behavior: auto !important;
    }
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
    min-height: var(--_control-height);
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
    /* Looks like a link, stays a 24 px target (WCAG 2.5.8). */
    min-height: 1.5rem;
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
    border: 1px solid var(--_control-border);
    border-radius: var(--_radius);
    padding: var(--_space-1) var(--_space-2);
    min-height: var(--_control-height);
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
  /* Windows high contrast (forced colours) drops backgrounds: what a background alone said gets a border. */
  @media (forced-colors: active) {
    .status {
      border: 1px solid CanvasText;
    }
    button.primary {
      border: 2px solid ButtonText;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
