import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PortalSchema } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import { reportEditorProblems } from '../shared/failure.js';
import { buildColumns, fitColumns, type ListColumn } from './columns.js';

/**
 * The list's columns: built from their keys (kept while keys, schema, words and time zone stay;
 * unknown keys reported once as the editor's problem) and fitted to its width: optional columns
 * (`owner?`) come and go as the list is resized (a ResizeObserver on the host), required ones
 * always show. The host re-renders only when the set of columns that fit changes, not on every pixel.
 */
export class ColumnFitController implements ReactiveController {
  private observer?: ResizeObserver;
  /** The list's inner width in rem; undefined until measured. */
  private widthRem?: number;
  private last?: { columns: readonly ListColumn[]; keys: string };
  private built?: { sig: string; schema: PortalSchema; columns: ListColumn[] };

  constructor(private readonly host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected(): void {
    this.observer = new ResizeObserver(() => this.measure());
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer?.disconnect();
    this.observer = undefined;
  }

  /** The columns of `keys` to render now; `words`: the catalog's version (headers are in its words). */
  columns(keys: readonly string[], schema: PortalSchema, i18n: I18n, timeZone: string | undefined, words: string): ListColumn[] {
    const sig = `${keys.join(',')}|${words}|${timeZone ?? ''}`;
    if (this.built?.sig !== sig || this.built.schema !== schema) {
      const problems: string[] = [];
      this.built = { sig, schema, columns: buildColumns(keys, schema, i18n, timeZone, problems) };
      reportEditorProblems(this.host, 'columns', problems);
    }
    return this.visible(this.built.columns);
  }

  private visible(columns: readonly ListColumn[]): ListColumn[] {
    if (this.widthRem === undefined && columns.some((c) => c.optional)) this.widthRem = this.read();
    const shown = fitColumns(columns, this.widthRem);
    this.last = { columns, keys: keysOf(shown) };
    return shown;
  }

  private measure(): void {
    this.widthRem = this.read();
    const last = this.last;
    if (last && keysOf(fitColumns(last.columns, this.widthRem)) !== last.keys) this.host.requestUpdate();
  }

  /** The host's content width in rem (the root font size), less the results' 1px borders; undefined while not laid out. */
  private read(): number | undefined {
    const px = this.host.clientWidth;
    if (!px) return undefined;
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    return (px - 2) / rem;
  }
}

const keysOf = (columns: readonly ListColumn[]): string => columns.map((c) => c.key).join(',');
