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
  /** Opens the case; false when nothing opened it (no portal, the host let it be). */
  onOpen(caseId: string): boolean;
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
        ${template.hasOpen
          ? nothing
          : html`<button type="button" part="open" class="link open" @click=${() => view.onOpen(c.id)}>
              ${t('list.openCase', { number: c.number })}
            </button>`}
      </li>`,
    )}
    ${range.after ? html`<li class="spacer" aria-hidden="true" ${cssProps({ height: `${range.after}px` })}></li>` : nothing}
  </ul>`;
}

/** `data-case-open` in an editor's template opens the case (the link may point elsewhere for pages without a portal). */
function onCardClick(view: CardsView, e: MouseEvent): void {
  const opener = (e.target as Element).closest?.('[data-case-open]');
  const card = opener?.closest<HTMLElement>('[data-id]');
  if (!opener || !card || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  if (view.onOpen(card.dataset.id!)) e.preventDefault();
}

function onCardKeydown(view: CardsView, e: KeyboardEvent): void {
  const opener = (e.target as Element).closest?.('[data-case-open]');
  if (!opener || opener.hasAttribute('href') || (e.key !== 'Enter' && e.key !== ' ')) return;
  const card = opener.closest<HTMLElement>('[data-id]');
  e.preventDefault();
  if (card) view.onOpen(card.dataset.id!);
}
