import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { CaseRecord, SortSpec } from '@case-portal/core';
import type { MessageKey, Params } from '../i18n/i18n.js';
import { cssProps } from '../shared/css-props.js';
import type { ListColumn } from './columns.js';
import type { WindowRange } from './virtual-window.js';

/** Column widths in rem, as case-list.styles.ts sets them on <col>; "fill" is the subject's minimum. */
const COLUMN_REM: Record<ListColumn['width'], number> = { narrow: 8.5, medium: 12, date: 13.5, wide: 18, fill: 16 };

/** What the built-in table renders with: the columns, the windowed rows and the handlers. */
export interface TableView {
  t: (key: MessageKey, params?: Params) => string;
  columns: ListColumn[];
  sort: SortSpec;
  /** The loaded rows and the total; undefined while the first page loads. */
  rows?: { items: CaseRecord[]; total: number; range: WindowRange };
  onSort(col: ListColumn): void;
  onOpen(caseId: string): void;
}

/** The cases as a real `<table>` (screen readers get its true size), only the rows of the window in the DOM. */
export function renderTable(view: TableView): TemplateResult {
  const { columns, rows, t } = view;
  // One control per row opens the case: on the subject when shown (the most telling text), else the number.
  const openKey = columns.find((c) => c.key === 'subject')?.key ?? columns.find((c) => c.key === 'number')?.key ?? columns[0]?.key;
  // Never narrower than its columns: a fixed layout would otherwise squeeze the subject to nothing.
  const minWidth = columns.reduce((sum, c) => sum + COLUMN_REM[c.width], 0);
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
          ${repeat(
            rows.items.slice(rows.range.start, rows.range.end),
            (_c, i) => rows.range.start + i,
            (c, i) => html`<tr part="row" role="row" data-id=${c.id} data-index=${rows.range.start + i} aria-rowindex=${rows.range.start + i + 2}>
              ${columns.map((col) => renderCell(view, col, c, col.key === openKey))}
            </tr>`,
          )}
          ${spacerRow(rows.range.after, columns.length)}`
        : html`<tr role="row">
            <td part="loading" role="cell" class="hint" colspan=${columns.length || 1}>${t('list.loading')}</td>
          </tr>`}
    </tbody>
  </table>`;
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
  const content =
    col.key === 'status'
      ? html`<span part="status" class="status" data-category=${c.status.category}>${c.status.label}</span>`
      : col.width === 'wide'
        ? html`<span class="clamp">${col.text(c)}</span>`
        : col.text(c);
  return html`<td part="cell cell-${col.key}" role="cell" class="cell-${col.key}" data-label=${col.label}>
    ${open ? html`<button type="button" part="open" class="link open" @click=${() => view.onOpen(c.id)}>${content}</button>` : content}
  </td>`;
}

/** Space for the rows outside the window, so the scrollbar and the rows' positions stay true. */
function spacerRow(height: number, columns: number): TemplateResult | typeof nothing {
  if (height < 1) return nothing;
  return html`<tr class="spacer" aria-hidden="true">
    <td colspan=${columns || 1} ${cssProps({ height: `${height}px` })}></td>
  </tr>`;
}
