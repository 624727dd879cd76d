import { css } from 'lit';

/** The attachment picker (shared/attachments) and the drop state of the form that holds it. */
export const attachmentStyles = css`
  .picker {
    display: grid;
    gap: var(--_space-2);
    min-width: 0;
  }
  .picker-bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-1) var(--_space-3);
  }
  ul.pending {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: var(--_space-1);
  }
  ul.pending li {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto auto;
    align-items: center;
    gap: 0 var(--_space-2);
    padding: var(--_space-1) var(--_space-2);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  ul.pending li[data-state='refused'],
  ul.pending li[data-state='failed'] {
    border-color: color-mix(in srgb, var(--_danger) 45%, var(--_surface));
  }
  ul.pending li[data-state='missing'] {
    border-style: dashed;
  }
  /* Name, size and buttons on one line; progress, state and messages on the next. */
  .file-name {
    overflow-wrap: anywhere;
    grid-area: 1 / 1;
  }
  .file-size {
    grid-area: 1 / 2;
  }
  .file-actions {
    grid-area: 1 / 3;
    display: inline-flex;
    gap: var(--_space-2);
    justify-self: end;
  }
  ul.pending progress,
  ul.pending .field-error,
  ul.pending .ok {
    grid-column: 1 / -1;
  }
  ul.pending progress {
    width: 100%;
    height: 0.375rem;
  }
  ul.pending .ok {
    color: var(--_success);
    font-size: var(--_font-size-small);
  }
  /* A form that takes dropped files shows where they will land. */
  .drop-target {
    position: relative;
  }
  .drop-target[data-dropping]::after {
    content: attr(data-drop-label);
    position: absolute;
    inset: 0;
    display: grid;
    place-items: center;
    border: 2px dashed var(--_accent);
    border-radius: var(--_radius);
    background: color-mix(in srgb, var(--_accent) 12%, var(--_surface));
    color: var(--_accent);
    font-weight: 600;
    pointer-events: none;
  }
`;
