import { css } from 'lit';

export const threadStyles = css`
  :host {
    display: grid;
    gap: var(--_space-4);
  }
  /* Block layout, not grid: a grid lays out every one of a thousand messages on each change. */
  .list {
    list-style: none;
    margin: 0;
    padding: 0;
    display: block;
  }
  /* The list and each item lay themselves out alone (layout containment): a reply added, one
     arriving or a keystroke in the composer then lays out and paints that item, not all of a
     thousand (bench: thread.sendToVisible 40 → 21 ms, a keystroke in the composer 25 → 5 ms).
     Not paint containment: it would clip a focus ring at an item's edge. */
  .list,
  .list > li {
    contain: layout style;
  }
  .list > li + li {
    margin-block-start: var(--_space-3);
  }
  .list:focus {
    outline: none;
  }
  /* No content-visibility: auto on the messages: Chromium then leaves a message out of view out of
     the accessibility tree (its list item has no content), so a screen reader's list of articles
     missed what was not on screen (case-portal.a11y-tree.test.ts). The thread renders long pages
     progressively instead (progressive.ts). */
  .conversation {
    display: grid;
    gap: var(--_space-3);
  }
  .filter {
    border: none;
    padding: 0;
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    gap: 0;
    justify-self: start;
  }
  .filter-option {
    font-weight: 400;
    cursor: pointer;
  }
  .filter-option input {
    position: absolute;
    opacity: 0;
    width: 1px;
    height: 1px;
    margin: 0;
    min-height: 0;
  }
  .filter-option span {
    display: inline-block;
    padding: var(--_space-1) var(--_space-3);
    border: 1px solid var(--_border);
    margin-inline-start: -1px;
    background: var(--_surface);
    font-size: var(--_font-size-small);
  }
  .filter-option:first-of-type span {
    border-start-start-radius: var(--_radius);
    border-end-start-radius: var(--_radius);
    margin-inline-start: 0;
  }
  .filter-option:last-of-type span {
    border-start-end-radius: var(--_radius);
    border-end-end-radius: var(--_radius);
  }
  .filter-option input:checked + span {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-text);
  }
  @media (forced-colors: active) {
    .filter-option input:checked + span {
      forced-color-adjust: none;
      background: Highlight;
      border-color: Highlight;
      color: HighlightText;
    }
  }
  .filter-option input:focus-visible + span {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  .unseen {
    position: sticky;
    bottom: var(--_space-3);
    justify-self: center;
    z-index: 1;
  }
  .unseen button {
    box-shadow: var(--_shadow);
    border-radius: 999px;
  }
  .channel {
    color: var(--_muted);
    font-size: var(--_font-size-small);
  }
  /* A message without a channel line or without text (files only) shows no empty box. */
  .channel:empty,
  .body:empty {
    display: none;
  }
  article {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    padding: var(--_space-3) var(--_space-4);
    display: grid;
    gap: var(--_space-2);
  }
  article[data-role='agent'] {
    background: var(--_surface-alt);
  }
  article[data-kind='complaint'] {
    border-inline-start: 4px solid var(--_warning);
  }
  article[data-state='sending'] {
    border-style: dashed;
  }
  article[data-state='failed'] {
    border-color: var(--_danger);
  }
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: var(--_space-2);
  }
  .author {
    font-weight: 600;
  }
  .badge {
    display: inline-block;
    padding: 0 var(--_space-2);
    border-radius: 999px;
    border: 1px solid var(--_border);
    font-size: var(--_font-size-small);
    color: var(--_text);
    background: var(--_surface);
  }
  .badge.role-agent {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  .badge.kind-complaint {
    border-color: var(--_warning);
    color: var(--_warning);
  }
  time,
  .send-status {
    white-space: nowrap;
    color: var(--_muted);
    font-size: var(--_font-size-small);
  }
  header time {
    margin-inline-start: auto;
  }
  .send-status[data-state='failed'] {
    color: var(--_danger);
    font-weight: 600;
  }
  .body {
    overflow-wrap: anywhere;
    /* Line breaks of the text are newline characters (shared/text-with-links.ts). */
    white-space: pre-line;
  }
  .body a {
    color: var(--_accent);
  }
  .attachments {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-wrap: wrap;
    gap: var(--_space-2) var(--_space-4);
    font-size: var(--_font-size-small);
  }
  .attachments a {
    color: var(--_accent);
  }
  .event {
    color: var(--_muted);
    font-size: var(--_font-size-small);
    text-align: center;
  }
  .event p {
    margin: 0;
  }
  .older {
    justify-self: center;
  }
  form {
    display: grid;
    gap: var(--_space-2);
  }
  form p {
    margin: 0;
  }
  .field-error:empty {
    display: none;
  }
  .notice {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface-alt);
    padding: var(--_space-3) var(--_space-4);
    display: grid;
    gap: var(--_space-3);
  }
  .notice p {
    margin: 0;
  }
  .empty {
    color: var(--_muted);
    margin: 0;
  }
`;
