import { css } from 'lit';

export const searchStyles = css`
  :host {
    /* Above the page's content next to the box; a host with its own stacking sets the token. */
    --_popup-z: var(--case-popup-z-index, 10);
    --_popup-max-height: var(--case-popup-max-height, 22rem);
  }
  label {
    display: block;
    margin-block-end: var(--_space-1);
  }
  .control {
    position: relative;
  }
  input {
    width: 100%;
  }
  .popup {
    position: absolute;
    z-index: var(--_popup-z);
    inset-block-start: calc(100% + var(--_space-1));
    inset-inline-start: 0;
    /* As wide as the box: never past the screen's edge; options wrap instead (two-line layout). */
    width: 100%;
    min-width: 12rem;
    background: var(--_surface);
    color: var(--_text);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--case-popup-shadow, 0 6px 18px rgb(0 0 0 / 0.16));
  }
  .popup[hidden],
  [role='listbox'][hidden] {
    display: none;
  }
  /* The listbox itself scrolls (not the popup): it is what aria-controls names, so assistive
     technology and axe treat it as the combobox's popup, scrolled by the arrow keys. */
  [role='listbox'] {
    list-style: none;
    margin: 0;
    padding: var(--_space-1) 0;
    max-height: var(--_popup-max-height);
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  /* Older matches stay while newer ones load: dimmed, no flash. */
  .popup[aria-busy='true'] [role='listbox'] {
    opacity: 0.6;
    transition: opacity 0.15s 0.1s;
  }
  /* Number and status on the first line, the subject below in full (up to two lines):
     subjects are what people recognise, and a narrow box would cut them to a word. */
  .option {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    grid-template-areas:
      'number status'
      'subject subject';
    align-items: center;
    column-gap: var(--_space-2);
    padding: var(--_space-2) var(--_space-3);
    cursor: pointer;
    border-inline-start: 3px solid transparent;
  }
  .option:hover {
    background: var(--_surface-alt);
  }
  .option[aria-selected='true'] {
    background: color-mix(in srgb, var(--_accent) 9%, var(--_surface));
    border-inline-start-color: var(--_accent);
    /* Forced-colors modes drop backgrounds: the outline keeps the highlight visible. */
    outline: 1px solid transparent;
  }
  .number {
    grid-area: number;
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
    font-size: var(--_font-size-small);
  }
  .option .status {
    grid-area: status;
  }
  .subject {
    grid-area: subject;
    overflow: hidden;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    line-clamp: 2;
    overflow-wrap: anywhere;
  }
  .message {
    margin: 0;
    padding: var(--_space-2) var(--_space-3);
  }
  .popup > .error {
    border: none;
    border-radius: 0;
  }
`;
