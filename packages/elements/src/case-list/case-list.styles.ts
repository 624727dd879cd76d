import { css } from 'lit';

export const listStyles = css`
  :host {
    container-type: inline-size;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: var(--_space-3);
    margin-block-end: var(--_space-3);
  }
  .toolbar .keyword {
    flex: 1 1 14rem;
  }
  .toolbar input {
    width: 100%;
  }
  .results {
    /* Wide tables scroll inside the element instead of widening the host page. */
    overflow-x: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  /* Reloading keeps the old rows in place, dimmed: no flash, no layout jump. */
  .results[aria-busy='true'] table {
    opacity: 0.6;
    transition: opacity 0.15s 0.1s;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: var(--_space-2) var(--_space-3);
    text-align: start;
    vertical-align: middle;
    border-block-end: 1px solid var(--_border);
  }
  /* On narrow screens the table keeps readable columns and scrolls sideways inside .results,
     instead of squeezing the subject into one word per line. */
  .cell-subject {
    min-width: 14rem;
  }
  .cell-number,
  .cell-status,
  .cell-createdAt,
  .cell-updatedAt,
  .cell-origin {
    white-space: nowrap;
  }
  tbody tr:last-child td {
    border-block-end: none;
  }
  tbody tr:hover {
    background: var(--_surface-alt);
  }
  th {
    background: var(--_surface-alt);
    color: var(--_muted);
    font-size: var(--_font-size-small);
    font-weight: 600;
    white-space: nowrap;
  }
  button.sort {
    all: unset;
    display: inline-flex;
    align-items: center;
    gap: var(--_space-1);
    cursor: pointer;
    font: inherit;
    color: inherit;
    border-radius: var(--_radius);
  }
  button.sort:focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  th[aria-sort='ascending'],
  th[aria-sort='descending'] {
    color: var(--_text);
  }
  /* Decorative arrows (aria-sort carries the meaning for assistive technology). */
  .sort-icon::after {
    content: '\\2195';
    opacity: 0.4;
  }
  th[aria-sort='ascending'] .sort-icon::after {
    content: '\\2191';
    opacity: 1;
  }
  th[aria-sort='descending'] .sort-icon::after {
    content: '\\2193';
    opacity: 1;
  }
  .cell-number,
  .cell-createdAt,
  .cell-updatedAt {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .cell-subject {
    overflow-wrap: anywhere;
  }
  button.open {
    text-align: start;
    font-weight: 600;
  }
  .empty {
    padding: var(--_space-6) var(--_space-4);
    text-align: center;
  }
  .empty p {
    margin: 0 0 var(--_space-3);
  }
  .empty .actions {
    display: flex;
    justify-content: center;
    flex-wrap: wrap;
    gap: var(--_space-2);
  }
  .results > .error {
    margin: var(--_space-3);
  }
  .summary {
    margin: var(--_space-2) 0;
    /* Holds its line while empty, so the text arriving never moves the pager. */
    min-height: 1.5em;
  }
  .pager {
    display: flex;
    justify-content: center;
    margin-block-start: var(--_space-2);
  }
  @container (max-width: 36rem) {
    th,
    td {
      padding: var(--_space-2);
    }
  }
`;
