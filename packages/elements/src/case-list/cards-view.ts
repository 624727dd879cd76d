import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CaseRecord } from '@case-portal/core';
import type { MessageKey, Params } from '../i18n/i18n.js';
import { cssProps } from '../shared/css-props.js';
import type { WindowRange } from './virtual-window.js';

/** A compiled row template and the instances of the rows on screen (card-templates.ts). */
export interface RowTemplate {
  /** The template has its own `data-case-open` link: no "Open" button is added. */
  hasOpen: boolean;
  nodesFor(c: CaseRecord): readonly Node[];
}

/** What an editor's cards render with: the compiled template, the windowed rows and how a case opens. */
export interface CardsView {
  t: (key: MessageKey, params?: Params) => string;
  template: RowTemplate;
  /** The loaded rows. */
  rows: { items: CaseRecord[]; range: WindowRange };
  /** The case's own page outside a portal (`case-url`): the built-in Open is then a real link. */
  hrefFor(c: CaseRecord): string | null;
  /** An open control was used (`link`: the control, `e`: the click or key). */
  onOpen(c: CaseRecord, e: Event, link: Element): void;
}

/** The cases as an editor's cards (a row template), only the cards of the window in the DOM. */
export function renderCards(view: CardsView): TemplateResult {
  const { rows, template, t } = view;
  const { range } = rows;
  return html`<ul
    part="cards"
    class="cards"
    role="list"
    data-window
    aria-label=${t('list.label')}
    @click=${(e: MouseEvent) => onCardClick(view, e)}
    @keydown=${(e: KeyboardEvent) => onCardKeydown(view, e)}
  >
    ${range.before ? html`<li class="spacer" aria-hidden="true" ${cssProps({ height: `${range.before}px` })}></li>` : nothing}
    ${repeat(
      rows.items.slice(range.start, range.end),
      (c) => c.id,
      (c, i) => html`<li part="card" class="card" data-id=${c.id} data-index=${range.start + i}>
        ${template.nodesFor(c)}
        ${template.hasOpen ? nothing : renderOpen(view, c)}
      </li>`,
    )}
    ${range.after ? html`<li class="spacer" aria-hidden="true" ${cssProps({ height: `${range.after}px` })}></li>` : nothing}
  </ul>`;
}

/** The built-in Open: a link to the case's page when it has one (outside a portal), else a button. */
function renderOpen(view: CardsView, c: CaseRecord): TemplateResult {
  const label = view.t('list.openCase', { number: c.number });
  const href = view.hrefFor(c);
  const onClick = (e: Event) => view.onOpen(c, e, e.currentTarget as Element);
  return href
    ? html`<a part="open" class="link open" href=${href} @click=${onClick}>${label}</a>`
    : html`<button type="button" part="open" class="link open" @click=${onClick}>${label}</button>`;
}

/** The case of the card an event happened in. */
function caseOf(view: CardsView, node: Element): CaseRecord | undefined {
  const id = node.closest<HTMLElement>('[data-id]')?.dataset.id;
  return id === undefined ? undefined : view.rows.items.find((c) => c.id === id);
}

/**
 * `data-case-open` in an editor's template opens the case: a link with the editor's own href is
 * followed by the browser outside a portal, anything else goes where the one rule says (shared/case-links.ts).
 */
function onCardClick(view: CardsView, e: MouseEvent): void {
  const opener = (e.target as Element).closest?.('[data-case-open]');
  const c = opener && caseOf(view, opener);
  if (opener && c) view.onOpen(c, e, opener);
}

function onCardKeydown(view: CardsView, e: KeyboardEvent): void {
  const opener = (e.target as Element).closest?.('[data-case-open]');
  if (!opener || opener.hasAttribute('href') || (e.key !== 'Enter' && e.key !== ' ')) return;
  // A native button already clicks on Enter and Space: opening here too would open twice.
  if (opener instanceof HTMLButtonElement) return;
  const c = caseOf(view, opener);
  e.preventDefault();
  if (c) view.onOpen(c, e, opener);
}
