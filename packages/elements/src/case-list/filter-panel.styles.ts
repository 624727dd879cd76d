import { css } from 'lit';

/**
 * The filter panel's layout. It comes with the panel's controls (their chunk in the single file)
 * and joins the list's shadow root when they load (case-list.ts): most visits never open the panel.
 */
export const filterPanelStyles = css`
  .filter-panel {
    display: grid;
    align-items: start;
    grid-template-columns: repeat(auto-fill, minmax(13rem, 1fr));
    gap: var(--_space-3);
    margin: 0 0 var(--_space-3);
    padding: var(--_space-3);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .filter-group {
    margin: 0;
    padding: 0;
    border: none;
    min-width: 0;
  }
  .filter-group legend,
  .filter-group > label {
    font-weight: 600;
    font-size: var(--_font-size-small);
    padding: 0;
    margin-block-end: var(--_space-1);
  }
  .filter-group .check {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
    font-size: var(--_font-size-small);
    font-weight: 400;
    padding-block: 2px;
  }
  .filter-group .check input {
    min-height: 0;
    margin: 0;
    accent-color: var(--_accent);
  }
  .filter-group.field {
    align-content: start;
  }
  .filter-group.range .bound {
    display: grid;
    grid-template-columns: 3.5rem 1fr;
    align-items: center;
    gap: var(--_space-2);
    margin-block-end: var(--_space-1);
    font-size: var(--_font-size-small);
  }
  .filter-group input[type='search'],
  .filter-group input[type='date'],
  .filter-group input[type='number'] {
    width: 100%;
  }
`;
