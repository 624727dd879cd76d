import { css } from 'lit';

export const detailStyles = css`
  :host {
    container-type: inline-size;
  }
  article > header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-2) var(--_space-3);
    margin-block-end: var(--_space-4);
  }
  #title {
    font-size: var(--_font-size-large);
    margin: 0;
    flex: 1 1 20rem;
    overflow-wrap: anywhere;
  }
  h3 {
    font-size: 1rem;
    margin: 0 0 var(--_space-2);
  }
  .number {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .layout {
    display: grid;
    gap: var(--_space-6);
    grid-template-columns: minmax(0, 1fr);
  }
  @container (min-width: 48rem) {
    .layout {
      grid-template-columns: minmax(0, 2fr) minmax(16rem, 1fr);
      /* The main column spans both rows; the side's two blocks stack in the second column. */
      grid-template-rows: auto 1fr;
      align-items: start;
    }
    .main {
      grid-column: 1;
      grid-row: 1 / span 2;
    }
    .summary,
    .more {
      grid-column: 2;
    }
  }
  /*
   * An editor's template: the sections it places (and the conversation) keep the built-in layout's
   * spacing. Margins, not a gap: the template's own elements stay in the editor's flow, and
   * neighbouring margins collapse to one space.
   */
  .custom-layout [data-case-part]:not([hidden]),
  .custom-layout case-thread {
    display: block;
    margin-block: var(--_space-4);
  }
  section[part] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: var(--_space-4);
  }
  .main,
  .side {
    display: grid;
    gap: var(--_space-4);
    align-content: start;
  }
  dl {
    display: grid;
    grid-template-columns: minmax(7rem, auto) 1fr;
    gap: var(--_space-1) var(--_space-3);
    margin: 0;
  }
  dt {
    color: var(--_muted);
  }
  dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .description {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin: 0;
  }
  .deny {
    color: var(--_muted);
    font-size: var(--_font-size-small);
    margin: var(--_space-1) 0 0;
  }
  .deadline .remaining {
    display: block;
  }
  .deadline[data-state='overdue'] .remaining {
    color: var(--_danger);
    font-weight: 600;
  }
  .deadline[data-state='met'] .remaining {
    color: var(--_success);
  }
  ul.files {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-1);
  }
  .files a {
    color: var(--_accent);
    overflow-wrap: anywhere;
  }
  dialog {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space-4);
    max-width: min(32rem, 92vw);
    width: 100%;
    color: var(--_text);
    background: var(--_surface);
    box-shadow: var(--_shadow);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog form {
    display: grid;
    gap: var(--_space-3);
  }
  dialog h2 {
    flex: none;
  }
  .dialog-buttons {
    display: flex;
    justify-content: flex-end;
    gap: var(--_space-2);
  }
  case-thread {
    margin-block-start: var(--_space-2);
  }
  .field-error:empty {
    display: none;
  }
  .field-error,
  .hint {
    margin: 0;
  }
  .required {
    color: var(--_danger);
    margin-inline-start: var(--_space-1);
  }
  dialog select,
  dialog input[type='text'],
  dialog textarea {
    width: 100%;
  }
  .changed-elsewhere {
    margin: calc(-1 * var(--_space-2)) 0 0;
    color: var(--_warning);
    font-size: var(--_font-size-small);
  }

  /* Stage bar: an ordered list, one step per schema stage. */
  .stages {
    display: flex;
    list-style: none;
    margin: 0 0 var(--_space-4);
    padding: 0;
    gap: var(--_space-1);
  }
  .stages li {
    flex: 1 1 0;
    min-width: 0;
    display: grid;
    gap: var(--_space-1);
    font-size: var(--_font-size-small);
    color: var(--_muted);
  }
  .stages .marker {
    height: 0.375rem;
    border-radius: 999px;
    background: var(--_border);
  }
  .stages li[data-state='done'] .marker {
    background: var(--_accent);
    opacity: 0.55;
  }
  .stages li[data-state='current'] .marker {
    background: var(--_accent);
  }
  .stages li[data-state='current'] {
    color: var(--_text);
    font-weight: 600;
  }
  /* Forced colours: the markers keep their meaning in the system's own colours. */
  @media (forced-colors: active) {
    .stages .marker {
      forced-color-adjust: none;
      background: Canvas;
      border: 1px solid CanvasText;
    }
    .stages li[data-state='done'] .marker {
      background: GrayText;
      opacity: 1;
    }
    .stages li[data-state='current'] .marker {
      background: Highlight;
      border-color: Highlight;
    }
  }
  /* On a phone five labels don't fit: the bar keeps every step, only the current one is labelled
     on screen (screen readers still hear every label and its state). */
  @container (max-width: 34rem) {
    .stages li[data-state='current'] {
      flex: 2 0 auto;
    }
    .stages li:not([data-state='current']) .stage-label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  }

  /* History */
  ol.history {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  ol.history li {
    display: grid;
    border-inline-start: 2px solid var(--_border);
    padding-inline-start: var(--_space-2);
  }
  .history-reason {
    font-size: var(--_font-size-small);
  }

  /* Files */
  .files li {
    display: grid;
  }
  .file-meta {
    font-size: var(--_font-size-small);
  }
  .add-files {
    display: grid;
    gap: var(--_space-2);
    margin-block-start: var(--_space-3);
    justify-items: start;
  }
  .add-files .picker {
    width: 100%;
  }

  /* People copied */
  ul.participants {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  ul.participants li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-1) var(--_space-2);
  }
  .participant-form {
    display: grid;
    gap: var(--_space-2);
    margin-block-start: var(--_space-3);
  }
  .participant-row {
    display: flex;
    gap: var(--_space-2);
  }
  .participant-row input {
    flex: 1;
    min-width: 0;
  }
  .participant-form .error {
    margin: 0;
    color: var(--_danger);
  }

  /* Related */
  ul.related {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-2);
  }
  ul.related li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-1) var(--_space-2);
  }
  ul.related a {
    color: var(--_accent);
  }
  ul.related button.link {
    display: inline;
    text-align: start;
  }
  dialog p {
    margin: 0;
  }

  /* Feedback */
  .feedback-form {
    display: grid;
    gap: var(--_space-3);
  }
  .stars {
    display: flex;
    gap: var(--_space-1);
    margin: 0;
    font-size: 1.5rem;
    line-height: 1;
  }
  .stars [data-filled] {
    /* Empty stars are controls: they keep 3:1 contrast, not the faint border colour. */
    color: var(--_muted);
  }
  .stars [data-filled='true'] {
    color: var(--_warning);
  }
  .stars label {
    cursor: pointer;
    padding: var(--_space-1);
    border-radius: var(--_radius);
  }
  .stars input:focus-visible + label {
    outline: 2px solid var(--_focus);
    outline-offset: 1px;
  }
  .feedback-comment {
    margin: 0;
    padding-inline-start: var(--_space-3);
    border-inline-start: 3px solid var(--_border);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .actions + .deny,
  .deny + .hint {
    margin-block-start: var(--_space-2);
  }
`;
