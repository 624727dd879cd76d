import { css } from 'lit';

export const createStyles = css`
  .heading {
    font-size: var(--_font-size-large);
    margin: 0 0 var(--_space-4);
  }
  form {
    display: grid;
    gap: var(--_space-4);
  }
  /* A group's name where there is no single control to label (the attachments). */
  .label {
    font-weight: 600;
  }
  .required {
    color: var(--_danger);
    margin-inline-start: var(--_space-1);
  }
  input[type='text'],
  input[type='email'],
  input[type='url'],
  select {
    width: 100%;
  }
  .check label {
    font-weight: 400;
  }
  .check.single label {
    font-weight: 600;
  }
  .field-error:empty,
  .form-error:empty {
    display: none;
  }
  .hint,
  .form-error {
    margin: 0;
  }
  .field-error {
    margin: 0;
  }
  .notice,
  .confirmation {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    padding: var(--_space-4);
    display: grid;
    gap: var(--_space-3);
  }
  .notice p,
  .confirmation p {
    margin: 0;
  }
  .confirmation {
    border-color: var(--_success);
  }
  .confirmation:focus {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .confirmation .title {
    font-size: var(--_font-size-large);
    font-weight: 600;
  }
  .draft-notice {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2);
    align-items: baseline;
  }

  /* Web-form mode: the editor's form is slotted; our pieces sit above and below it. */
  .webform-status > *,
  .webform > .confirmation {
    margin-block-end: var(--_space-4);
  }
  .webform-status > .draft-notice {
    border-inline-start: 3px solid var(--_accent);
    padding-inline-start: var(--_space-3);
  }
  .summary {
    border: 1px solid var(--_danger);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    padding: var(--_space-3) var(--_space-4);
    background: color-mix(in srgb, var(--_danger) 6%, var(--_surface));
  }
  .summary-title {
    margin: 0;
    font-weight: 600;
    color: var(--_danger);
  }
  .summary ul {
    margin: var(--_space-2) 0 0;
    padding-inline-start: var(--_space-4);
  }
  .summary button.link {
    color: var(--_danger);
    text-align: start;
  }
  .progress {
    margin: var(--_space-3) 0 0;
  }
  .progress:empty {
    display: none;
  }
  /* "hidden" on the editor's form must win over the site's own display rules. */
  ::slotted([hidden]) {
    display: none !important;
  }
`;
