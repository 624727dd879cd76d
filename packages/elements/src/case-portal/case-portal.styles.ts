import { css } from 'lit';

export const portalStyles = css`
  :host {
    /* A portal paints one background for all it holds (white in the light scheme, as always). */
    background-color: var(--case-color-background, light-dark(var(--_surface), #0d1117));
    color: var(--_text);
  }
  case-search,
  case-list,
  case-detail,
  case-create {
    --case-color-background: transparent;
  }
  .bar {
    /* The search's width follows the bar's, not the page's: a portal in a narrow column is a phone too. */
    container: bar / inline-size;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-2) var(--_space-4);
    padding-block-end: var(--_space-3);
    margin-block-end: var(--_space-4);
    border-block-end: 1px solid var(--_border);
  }
  .bar nav {
    display: flex;
    gap: var(--_space-2);
    flex: 1 1 auto;
  }
  .bar nav button[aria-current='page'] {
    border-color: var(--_accent);
    box-shadow: inset 0 -3px 0 var(--_accent);
    font-weight: 600;
  }
  .bar nav button.primary[aria-current='page'] {
    box-shadow: inset 0 -3px 0 var(--_accent-text);
  }
  /* Forced colours drop box shadows: the current page keeps a mark the system draws. */
  @media (forced-colors: active) {
    .bar nav button[aria-current='page'] {
      border-block-end: 3px solid Highlight;
    }
  }
  .search {
    flex: 0 1 18rem;
    min-width: 12rem;
  }
  /* Where the bar's three parts cannot share one line, the search takes a line of its own, all of it. */
  @container bar (max-width: 40rem) {
    .search {
      flex-basis: 100%;
    }
  }
  .who {
    color: var(--_muted);
    font-size: var(--_font-size-small);
  }
  .view:focus {
    outline: none;
  }
`;
