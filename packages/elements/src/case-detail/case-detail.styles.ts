import { css } from 'lit';

export const detailStyles = css`
  :host {
    container-type: inline-size;
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-2) var(--_space-3);
    margin-block-end: var(--_space-4);
  }
  h2 {
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
    }
  }
  section {
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
`;
