/**
 * An editor's JSON configuration in a real browser: the markup a CMS page would hold (built with
 * innerHTML, as the page's parser would), the elements' own attributes and what the customer sees.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter, seededCaseId } from '@case-portal/adapter-memory';
import '../define/case-list.js';
import '../define/case-detail.js';
import '../define/case-portal.js';
import type { CaseList } from '../case-list/case-list.js';
import type { CaseDetail } from '../case-detail/case-detail.js';
import type { CasePortal } from '../case-portal/case-portal.js';
import type { CaseErrorEvent } from '../events.js';
import { listSettled } from '../testing/index.js';
import { configurableAttributes } from './editor-config.js';
import { withFeatureSwitches } from './feature-switches.js';

const NOW = new Date('2026-03-10T12:00:00Z');

let area: HTMLElement;
let warned: string[];
let errors: CaseErrorEvent[];
const originalWarn = console.warn;

/** Puts CMS markup on the page (parsed as the page's parser would); elements get a demo adapter before they connect. */
function page(markup: string): HTMLElement {
  const holder = document.createElement('div');
  holder.append(...new DOMParser().parseFromString(`<!doctype html><body>${markup}`, 'text/html').body.childNodes);
  for (const el of holder.querySelectorAll<CaseList>('case-list, case-detail, case-portal')) {
    el.adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    el.now = () => NOW;
    el.addEventListener('case-error', (e) => errors.push(e as CaseErrorEvent));
  }
  area.append(holder);
  return holder;
}

const headers = (list: CaseList) => [...list.shadowRoot!.querySelectorAll('thead th')].map((th) => th.textContent!.replace(/[↕↑↓]/g, '').trim());
const rows = (list: CaseList) => list.shadowRoot!.querySelectorAll('tbody tr[part~="row"]').length;

describe('editor configuration (JSON)', () => {
  beforeEach(() => {
    area = document.createElement('div');
    document.body.append(area);
    warned = [];
    errors = [];
    console.warn = (...args: unknown[]) => void warned.push(args.join(' '));
  });
  afterEach(() => {
    console.warn = originalWarn;
    area.remove();
  });

  it('sets a list\'s columns and page size from a script inside it, without any attribute', async () => {
    const list = page(`<case-list>
      <script type="application/json">{ "columns": ["number", "subject", "status"], "page-size": 3 }</script>
    </case-list>`).querySelector<CaseList>('case-list')!;
    await listSettled(list);
    expect(headers(list)).to.deep.equal(['Case number', 'Subject', 'Status']);
    expect(rows(list)).to.equal(3);
    expect(list.columns).to.deep.equal(['number', 'subject', 'status']);
    expect(warned).to.deep.equal([]);
    await expect(list).to.be.accessible();
  });

  it('shares one script between elements through config="id"; an attribute on the element wins', async () => {
    const holder = page(`<script type="application/json" id="lists">{ "columns": "number, subject", "page-size": 2 }</script>
      <case-list config="lists"></case-list>
      <case-list config="lists" page-size="4"></case-list>`);
    const [a, b] = holder.querySelectorAll<CaseList>('case-list');
    await listSettled(a!);
    await listSettled(b!);
    expect(headers(a!), warned.join('\n')).to.deep.equal(['Case number', 'Subject']);
    expect(rows(a!)).to.equal(2);
    expect(headers(b!)).to.deep.equal(['Case number', 'Subject']);
    expect(rows(b!), 'the attribute wins').to.equal(4);
  });

  it('reads the shared script first and the element\'s own over it', async () => {
    const holder = page(`<script type="application/json" id="shared">{ "columns": "number, subject", "page-size": 2, "features": { "complain": false } }</script>
      <case-list config="shared"><script type="application/json">{ "page-size": 3 }</script></case-list>`);
    const list = holder.querySelector<CaseList>('case-list')!;
    await listSettled(list);
    expect(headers(list)).to.deep.equal(['Case number', 'Subject']);
    expect(rows(list), 'its own key wins').to.equal(3);
    expect(warned).to.deep.equal([]);
  });

  it('reports an unknown key and a wrong type once (console and case-error) and applies the rest', async () => {
    const list = page(`<case-list>
      <script type="application/json">{ "colums": ["number"], "page-size": "ten", "url-state": "yes", "columns": ["number", "status"], "adapter": "x" }</script>
    </case-list>`).querySelector<CaseList>('case-list')!;
    await listSettled(list);
    expect(headers(list)).to.deep.equal(['Case number', 'Status']);
    expect(warned).to.have.length(1);
    const text = warned[0]!;
    expect(text).to.contain('<case-list> configuration');
    expect(text).to.contain('Unknown key "colums"');
    expect(text).to.contain('"page-size" takes a number, not string');
    expect(text).to.contain('"url-state" takes true or false, not string');
    expect(text).to.contain('Unknown key "adapter"');
    const configErrors = errors.filter((e) => e.detail.operation === 'config');
    expect(configErrors).to.have.length(1);
    expect(configErrors[0]!.detail.error.code).to.equal('validation');
    // Renders again (a sort) without reporting again.
    list.shadowRoot!.querySelector<HTMLButtonElement>('thead button')!.click();
    await listSettled(list);
    expect(warned).to.have.length(1);
  });

  it('says so when the JSON does not parse or the id names nothing, and the element still works', async () => {
    const holder = page(`<case-list><script type="application/json">{ "columns": ["number", </script></case-list>
      <case-list config="nowhere"></case-list>`);
    const [broken, missing] = holder.querySelectorAll<CaseList>('case-list');
    await listSettled(broken!);
    await listSettled(missing!);
    expect(rows(broken!)).to.be.greaterThan(0);
    expect(rows(missing!)).to.be.greaterThan(0);
    expect(warned.join('\n')).to.contain('not valid JSON');
    expect(warned.join('\n')).to.contain('No <script type="application/json" id="nowhere">');
  });

  it('switches off actions the backend allows (never on): a case view without complaint and cancel', async () => {
    const detail = page(`<case-detail case-id="${seededCaseId(1)}">
      <script type="application/json">{ "features": { "cancel": false, "complain": false, "nonsense": false } }</script>
    </case-detail>`).querySelector<CaseDetail>('case-detail')!;
    await waitUntil(() => detail.shadowRoot!.querySelector('[part~=action-close]'), 'no actions', { timeout: 5000 });
    expect(detail.shadowRoot!.querySelector('[part~=action-cancel]')).to.equal(null);
    expect(detail.shadowRoot!.querySelector('[part~=action-complain]')).to.equal(null);
    expect(warned.join('\n')).to.contain('Unknown feature "nonsense"');
  });

  it('configures the whole portal: no "New case" where the editor switched creating off', async () => {
    const portal = page(`<case-portal><script type="application/json">{ "url-state": true, "features": { "create": false } }</script></case-portal>`)
      .querySelector<CasePortal>('case-portal')!;
    await waitUntil(() => portal.shadowRoot!.querySelector('[part=nav-list]'), 'no portal bar', { timeout: 5000 });
    expect(portal.shadowRoot!.querySelector('[part=nav-create]')).to.equal(null);
    expect(portal.urlState).to.equal(true);
    history.replaceState(null, '', location.pathname);
  });

  it('knows each element\'s attributes from its own declarations (the keys the schema documents)', () => {
    const list = customElements.get('case-list') as unknown as Parameters<typeof configurableAttributes>[0];
    const keys = [...configurableAttributes(list).keys()].sort();
    expect(keys).to.include.members(['columns', 'page-size', 'url-state', 'template', 'api', 'token-url', 'locale']);
    expect(keys).not.to.include('adapter');
    expect(configurableAttributes(list).get('columns')!.expected).to.equal('list');
    expect(configurableAttributes(list).get('page-size')!.expected).to.equal('number');
  });

  it('narrows the schema\'s features and leaves it alone when nothing is off', async () => {
    const schema = await new MemoryAdapter({ storage: null }).describe();
    expect(withFeatureSwitches(schema, { create: true })).to.equal(schema);
    const off = withFeatureSwitches(schema, { feedback: false });
    expect(off.features.feedback).to.equal(false);
    expect(off.features.create).to.equal(schema.features.create);
    const cannot = withFeatureSwitches({ ...schema, features: { ...schema.features, create: false } }, { create: true });
    expect(cannot.features.create, 'never on where the backend says no').to.equal(false);
  });
});
