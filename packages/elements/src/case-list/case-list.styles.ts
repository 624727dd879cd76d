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
  /* Reloading keeps the old rows in place, dimmed once the wait is noticeable (data-slow: a
     rule on aria-busy would re-style every row on each quick keystroke): no flash, no layout
     jump. Only rows: the first "Loading…" line and the headers keep their contrast. */
  .results[data-slow] tbody tr[part~='row'] {
    opacity: 0.6;
    transition: opacity 0.15s;
  }
  /* Fixed layout: rows come and go as the window scrolls, and must not change column widths. */
  table {
    width: 100%;
    border-collapse: collapse;
    table-layout: fixed;
  }
  col.col-narrow {
    width: 9rem;
  }
  col.col-medium {
    width: 12rem;
  }
  col.col-date {
    width: 13.5rem;
  }
  col.col-wide {
    width: 18rem;
  }
  .spacer,
  .spacer td {
    padding: 0;
    border: none;
  }
  .cell-description {
    color: var(--_muted);
  }
  /* Long text (description, long custom fields): two lines at most, on a span, not the cell. */
  .clamp {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
  }
  td {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  th,
  td {
    padding: var(--_space-2) var(--_space-3);
    text-align: start;
    vertical-align: middle;
    border-block-end: 1px solid var(--_border);
  }
  .cell-number,
  .cell-createdAt,
  .cell-updatedAt,
  .cell-origin {
    white-space: nowrap;
  }
  /* A long status ("Wartet auf Ihre Antwort") wraps inside its pill rather than being cut at the column's edge. */
  .cell-status .status {
    white-space: normal;
    border-radius: 0.75em;
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
  }
  /* A header wraps between words, and its arrow goes under a long word, rather than running into the next column. */
  button.sort {
    all: unset;
    flex-wrap: wrap;
    /* However narrow the column, a 24 px target (WCAG 2.5.8). */
    min-width: 1.5rem;
    min-height: 1.5rem;
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
  /* A button inside a portal, a link to the case's page outside one (case-url): they look alike. */
  .open {
    text-align: start;
    font-weight: 600;
    color: var(--_accent);
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
  .filters-toggle[aria-expanded='true'] {
    background: var(--_surface-alt);
  }
  .quick-filters,
  .active-filters {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2);
    margin: 0 0 var(--_space-3);
    padding: 0;
    list-style: none;
  }
  .chip {
    min-height: 2rem;
    text-align: start;
    border-radius: 999px;
    padding-inline: var(--_space-3);
    font-size: var(--_font-size-small);
  }
  .chip.toggle[aria-pressed='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  @media (forced-colors: active) {
    .chip.toggle[aria-pressed='true'] {
      forced-color-adjust: none;
      background: Highlight;
      border-color: Highlight;
      color: HighlightText;
    }
  }
  .chip .count {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .chip .remove {
    font-size: 1.1em;
    line-height: 1;
  }
  .cards {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .card {
    padding: var(--_space-3);
    border-block-end: 1px solid var(--_border);
  }
  .card:last-child {
    border-block-end: none;
  }
  .card.spacer {
    padding: 0;
    border: none;
  }
  /* Phones: every row becomes a card (subject first, then labelled values); the header row
     becomes a line of sort buttons. Explicit roles keep the table semantics for screen readers. */
  @container (max-width: 36rem) {
    table,
    thead,
    tbody,
    tr,
    th,
    td {
      display: block;
    }
    table {
      min-width: 0 !important;
    }
    colgroup {
      display: none;
    }
    thead tr {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_space-1) var(--_space-3);
      padding: var(--_space-2) var(--_space-3);
      border-block-end: 1px solid var(--_border);
      background: var(--_surface-alt);
    }
    th {
      padding: 0;
      border: none;
    }
    tbody tr:not(.spacer) {
      padding: var(--_space-2) var(--_space-3);
      border-block-end: 1px solid var(--_border);
    }
    /* [data-label] outweighs the per-column nowrap rules above: card values may wrap. */
    td[data-label] {
      display: flex;
      gap: var(--_space-2);
      padding: 2px 0;
      border: none;
      white-space: normal;
    }
    td::before {
      content: attr(data-label);
      flex: 0 0 6.5rem;
      color: var(--_muted);
      font-size: var(--_font-size-small);
    }
    td.cell-subject::before {
      content: none;
    }
    .spacer td {
      display: block;
    }
  }
`;
