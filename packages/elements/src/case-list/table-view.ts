import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CaseRecord, SortSpec } from '@case-portal/core';
import type { MessageKey, Params } from '../i18n/i18n.js';
import { cssProps } from '../shared/css-props.js';
import { columnsRem, type ListColumn } from './columns.js';
import type { WindowRange } from './virtual-window.js';

/** What the built-in table renders with: the columns, the windowed rows and the handlers. */
export interface TableView {
  t: (key: MessageKey, params?: Params) => string;
  columns: ListColumn[];
  sort: SortSpec;
  /** The loaded rows and the total; undefined while the first page loads. */
  rows?: { items: CaseRecord[]; total: number; range: WindowRange };
  onSort(col: ListColumn): void;
  /** The case's own page outside a portal (`case-url`): the open control is then a real link. */
  hrefFor(c: CaseRecord): string | null;
  /** The open control was used (`link`: the control, `e`: the click). */
  onOpen(c: CaseRecord, e: Event, link: Element): void;
  /** The rows' keys for the window's case ids (row-slots.ts: rows refilled in place, never moved). */
  rowKeys(ids: string[]): readonly unknown[];
}

/** The cases as a real `<table>` (screen readers get its true size), only the rows of the window in the DOM. */
export function renderTable(view: TableView): TemplateResult {
  const { columns, rows, t } = view;
  // Never narrower than its columns: a fixed layout would otherwise squeeze the subject to nothing.
  const minWidth = columnsRem(columns);
  return html`<table part="table" role="table" aria-rowcount=${rows ? rows.total + 1 : -1} ${cssProps({ 'min-width': `${minWidth}rem` })}>
    <caption part="caption" class="visually-hidden">${t('list.label')}</caption>
    <colgroup>
      ${columns.map((col) => html`<col class="col-${col.width}" />`)}
    </colgroup>
    <thead role="rowgroup">
      <tr role="row" aria-rowindex="1">
        ${columns.map((col) => renderHeader(view, col))}
      </tr>
    </thead>
    <tbody role="rowgroup" data-window>
      ${rows
        ? html`${spacerRow(rows.range.before, columns.length)}
          ${renderRows(view, rows.items.slice(rows.range.start, rows.range.end), rows.range.start)}
          ${spacerRow(rows.range.after, columns.length)}`
        : html`<tr role="row">
            <td part="loading" role="cell" class="hint" colspan=${columns.length || 1}>${t('list.loading')}</td>
          </tr>`}
    </tbody>
  </table>`;
}

/** The window's rows, keyed so that a new window refills the rows already there (row-slots.ts). */
function renderRows(view: TableView, shown: CaseRecord[], start: number) {
  const { columns } = view;
  // One control per row opens the case: on the subject when shown (the most telling text), else the number.
  const openKey = columns.find((c) => c.key === 'subject')?.key ?? columns.find((c) => c.key === 'number')?.key ?? columns[0]?.key;
  const keys = view.rowKeys(shown.map((c) => c.id));
  return repeat(
    shown,
    (_c, i) => keys[i],
    (c, i) => html`<tr part="row" role="row" data-id=${c.id} data-index=${start + i} aria-rowindex=${start + i + 2}>
      ${columns.map((col) => renderCell(view, col, c, col.key === openKey))}
    </tr>`,
  );
}

function renderHeader(view: TableView, col: ListColumn): TemplateResult {
  if (!col.sortable) {
    return html`<th scope="col" role="columnheader" part="header header-${col.key}" class="cell-${col.key}">${col.label}</th>`;
  }
  const dir = view.sort.key === col.key ? view.sort.dir : null;
  const ariaSort = dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none';
  return html`<th scope="col" role="columnheader" part="header header-${col.key}" class="cell-${col.key}" aria-sort=${ariaSort}>
    <button type="button" part="sort-button" class="sort" data-key=${col.key} @click=${() => view.onSort(col)}>
      ${col.label}<span class="sort-icon" aria-hidden="true"></span>
    </button>
  </th>`;
}

function renderCell(view: TableView, col: ListColumn, c: CaseRecord, open: boolean): TemplateResult {
  // Customer and agent text keeps its own direction (dir="auto"): an English subject on an RTL page
  // must not end up as "?Router X500…".
  const content =
    col.key === 'status'
      ? html`<span part="status" class="status" data-category=${c.status.category}>${col.text(c)}</span>`
      : html`<span class=${col.width === 'wide' ? 'clamp' : nothing} dir="auto">${col.text(c)}</span>`;
  return html`<td part="cell cell-${col.key}" role="cell" class="cell-${col.key}" data-label=${col.label}>
    ${open ? renderOpen(view, c, content) : content}
  </td>`;
}

/** A link to the case's page when it has one (outside a portal), else a button (the portal, or the host, opens it). */
function renderOpen(view: TableView, c: CaseRecord, content: unknown): TemplateResult {
  const href = view.hrefFor(c);
  const onClick = (e: Event) => view.onOpen(c, e, e.currentTarget as Element);
  return href
    ? html`<a part="open" class="link open" href=${href} @click=${onClick}>${content}</a>`
    : html`<button type="button" part="open" class="link open" @click=${onClick}>${content}</button>`;
}

/** Space for the rows outside the window, so the scrollbar and the rows' positions stay true. */
function spacerRow(height: number, columns: number): TemplateResult | typeof nothing {
  if (height < 1) return nothing;
  return html`<tr class="spacer" aria-hidden="true">
    <td colspan=${columns || 1} ${cssProps({ height: `${height}px` })}></td>
  </tr>`;
}
