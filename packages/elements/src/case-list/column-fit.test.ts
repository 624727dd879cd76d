/**
 * ColumnFitController alone, on a bare ReactiveElement host sized by hand: the columns built from
 * their keys (kept, unknown keys reported once), optional ones only where the width allows, and a
 * re-render only when a resize changes which columns fit.
 */
import { expect } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { PortalSchema } from '@case-portal/core';
import { createI18n } from '../i18n/i18n.js';
import { CountingHost, defineHost, place, recordCaseErrors, removePlaced } from '../testing/index.js';
import { ColumnFitController } from './column-fit.js';
import { COLUMN_REM, type ListColumn } from './columns.js';

afterEach(removePlaced);

const i18n = createI18n('en-US');

class ColumnsHost extends CountingHost {
  keys: string[] = ['number', 'subject', 'origin?', 'owner?', 'updatedAt'];
  schema!: PortalSchema;
  words = 'v1';
  columns: ListColumn[] = [];
  readonly errors = recordCaseErrors(this);
  readonly fit = new ColumnFitController(this);
  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    this.columns = this.fit.columns(this.keys, this.schema, i18n, undefined, this.words);
  }
}
defineHost(ColumnsHost);

const remPx = () => parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
const rem = (columns: readonly ListColumn[]) => columns.reduce((sum, c) => sum + COLUMN_REM[c.width], 0);
const keysOf = (columns: readonly ListColumn[]) => columns.map((c) => c.key);

async function sized(widthRem: number): Promise<ColumnsHost> {
  const host = new ColumnsHost();
  host.schema = await new MemoryAdapter({ storage: null }).describe();
  host.style.display = 'block';
  // The controller reads the content width less the results' two 1px borders.
  host.style.width = `${widthRem * remPx() + 2}px`;
  place(host);
  await host.updateComplete;
  return host;
}

/**
 * A resize, with what the controller's ResizeObserver does on it: a test page running in the
 * background beside other files gets no frames and so no observer callbacks (see
 * case-list.columns.test.ts), so the callback's work is called here as the observer would.
 */
async function resize(host: ColumnsHost, widthRem: number): Promise<void> {
  host.style.width = `${widthRem * remPx() + 2}px`;
  (host.fit as unknown as { measure(): void }).measure();
  await host.updateComplete;
}

describe('ColumnFitController (alone, on a bare ReactiveElement)', () => {
  it('builds the columns of its keys and shows the optional ones, in order, while they fit', async () => {
    const host = await sized(1000);
    expect(keysOf(host.columns)).to.deep.equal(['number', 'subject', 'origin', 'owner', 'updatedAt']);
    const all = host.columns;
    const required = rem(all.filter((c) => !c.optional));
    const origin = COLUMN_REM[all.find((c) => c.key === 'origin')!.width];

    await resize(host, required + origin + 0.5);
    expect(keysOf(host.columns), 'room for the first optional column only').to.deep.equal(['number', 'subject', 'origin', 'updatedAt']);
    await resize(host, required);
    expect(keysOf(host.columns), 'room for the required ones').to.deep.equal(['number', 'subject', 'updatedAt']);
    await resize(host, required - 5);
    expect(keysOf(host.columns), 'required columns never go').to.deep.equal(['number', 'subject', 'updatedAt']);
  });

  it('re-renders its host on a resize only when the columns that fit change', async () => {
    const host = await sized(1000);
    const required = rem(host.columns.filter((c) => !c.optional));
    await resize(host, required + 0.5);
    expect(host.columns, 'the optional columns went').to.have.length(3);
    const renders = host.updates;
    await resize(host, required + 1);
    await resize(host, required + 2);
    expect(host.updates, 'the same columns fit: no render').to.equal(renders);
    await resize(host, 1000);
    expect(host.updates).to.equal(renders + 1);
    expect(host.columns).to.have.length(5);
  });

  it('keeps the built columns while keys, schema and words stay; an unknown key is reported once as the editor’s problem', async () => {
    const host = await sized(1000);
    const first = host.columns;
    host.requestUpdate();
    await host.updateComplete;
    expect(host.columns[0], 'the same column objects').to.equal(first[0]);
    host.words = 'v2';
    host.requestUpdate();
    await host.updateComplete;
    expect(host.columns[0], 'new words build them again').to.not.equal(first[0]);

    host.keys = ['number', 'colour', 'subject'];
    host.requestUpdate();
    await host.updateComplete;
    expect(keysOf(host.columns)).to.deep.equal(['number', 'subject']);
    host.words = 'v3';
    host.requestUpdate();
    await host.updateComplete;
    expect(host.errors).to.have.length(1);
    expect(host.errors[0]!.operation).to.equal('columns');
    expect(host.errors[0]!.message).to.contain('unknown column "colour"');
  });
});
