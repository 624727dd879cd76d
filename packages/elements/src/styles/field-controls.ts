import { css } from 'lit';

/** Layout of the controls shared/field-controls.ts renders: groups, checkboxes. Used by every form. */
export const fieldControlStyles = css`
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: var(--_space-2) var(--_space-3) var(--_space-3);
    display: grid;
    gap: var(--_space-1);
  }
  legend {
    font-weight: 600;
    padding: 0 var(--_space-1);
  }
  .check {
    display: flex;
    align-items: center;
    gap: var(--_space-2);
  }
  .check input {
    min-height: auto;
    margin: 0;
  }
`;
