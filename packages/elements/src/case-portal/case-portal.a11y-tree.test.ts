/**
 * What a screen reader is given (issue 14, WCAG 1.3.1, 4.1.2, 4.1.3): Chromium's accessibility tree
 * of a whole portal, read through the DevTools protocol (test/servers/accessibility-tree.mjs), not
 * the DOM. The roles and names listed in docs/accessibility.md "Screen readers" are asserted here.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../define/case-portal.js';

const NOW = new Date('2026-03-10T12:00:00Z');
interface AxNode {
  role: string;
  name?: string;
  children?: AxNode[];
  [state: string]: unknown;
}

const tree = async () => (await executeServerCommand('accessibility-tree')) as AxNode;
function all(node: AxNode, match: (n: AxNode) => boolean, out: AxNode[] = []): AxNode[] {
  if (match(node)) out.push(node);
  for (const c of node.children ?? []) all(c, match, out);
  return out;
}
const byRole = (node: AxNode, role: string, name?: string) => all(node, (n) => n.role === role && (name === undefined || n.name === name));
function one(node: AxNode, role: string, name?: string): AxNode {
  const found = byRole(node, role, name);
  if (found.length === 0) throw new Error(`no ${role}${name === undefined ? '' : ` "${name}"`} in the accessibility tree`);
  return found[0]!;
}
/** A node's roles and names as one line, StaticText left out (what a failed assertion shows of the tree). */
const outline = (node: AxNode): string =>
  node.role === 'StaticText' ? '' : `${node.role}${node.name ? `"${node.name}"` : ''}${node.children?.length ? `(${node.children.map(outline).filter(Boolean).join(' ')})` : ''}`;
/** The text a node reads out: its static texts, in order. */
const spoken = (node: AxNode) => byRole(node, 'StaticText').map((n) => n.name).join(' ');

describe('case-portal in the accessibility tree', function () {
  // A whole portal per test, and the tree read over the DevTools protocol: more than 5 s when the machine is busy.
  this.timeout(20_000);
  let portal: HTMLElement;
  let adapter: MemoryAdapter;
  beforeEach(async () => {
    adapter = new MemoryAdapter({ storage: null, now: () => NOW });
    const el = document.createElement('case-portal');
    el.adapter = adapter;
    portal = el;
    document.body.append(portal);
    await waitUntil(() => portal.shadowRoot?.querySelector('case-list')?.shadowRoot?.querySelector('tbody tr'), 'no rows', { timeout: 8000 });
  });
  afterEach(() => portal.remove());

  it('the list: a named navigation, a search combobox, a captioned table whose rows name their case, and a count spoken politely', async () => {
    const first = (await adapter.listCases({ sort: { key: 'updatedAt', dir: 'desc' }, limit: 1 })).items[0]!;
    // The search in the bar loads after the rows painted (its own chunk): wait for both.
    await waitUntil(
      async () => {
        const ax = await tree();
        return byRole(ax, 'table', 'Support cases').length > 0 && byRole(ax, 'combobox', 'Find a case').length > 0;
      },
      'no table and search in the tree',
      { timeout: 8000 },
    );
    const ax = await tree();
    const nav = one(ax, 'navigation', 'Support cases');
    expect(byRole(nav, 'button').map((b) => b.name)).to.deep.equal(['All cases', 'New case']);
    expect(one(ax, 'combobox', 'Find a case').expanded).to.equal(false);
    const table = one(ax, 'table', 'Support cases');
    const headers = byRole(table, 'columnheader').map((h) => h.name);
    expect(headers).to.include.members(['Case number', 'Subject', 'Status']);
    // Each header sorts: a button inside it, named like it.
    for (const h of byRole(table, 'columnheader')) expect(byRole(h, 'button').map((b) => b.name)).to.deep.equal([h.name]);
    const firstRow = byRole(table, 'row')[1]!;
    expect(byRole(firstRow, 'cell')[0]!.name).to.equal(first.number);
    expect(byRole(firstRow, 'button').map((b) => b.name)).to.deep.equal([first.subject]);
    expect(one(ax, 'button', 'Awaiting my reply 4').pressed).to.equal(false);
    const counts = all(ax, (n) => n.role === 'status' && n.live === 'polite' && /\d+ cases?/.test(spoken(n)));
    expect(counts, 'a polite status that says how many cases').to.have.length.greaterThan(0);
  });

  it('a case: an article named by its subject, the progress as a list with each step’s state, regions per section, the reply box, and modal dialogs', async () => {
    const row = portal.shadowRoot!.querySelector('case-list')!.shadowRoot!.querySelector<HTMLElement>('tbody tr [part~=open]')!;
    const subject = row.textContent!.trim();
    row.click();
    const thread = () => portal.shadowRoot?.querySelector('case-detail')?.shadowRoot?.querySelector('case-thread')?.shadowRoot;
    await waitUntil(() => thread()?.querySelector('textarea'), 'the case did not open', { timeout: 8000 });
    await waitUntil(async () => byRole(await tree(), 'textbox', 'Your reply').length > 0, 'no reply box in the tree');
    const ax = await tree();
    const article = one(ax, 'article', subject);
    expect(one(article, 'heading', subject).level).to.equal(2);
    const steps = byRole(one(article, 'list', 'Progress'), 'listitem').map(spoken);
    expect(steps.filter((s) => s.includes('current stage'))).to.have.length(1);
    for (const region of ['Deadlines', 'Details', 'People copied']) one(article, 'region', region);
    expect(byRole(one(article, 'region', 'Details'), 'term').map((t) => t.name)).to.include.members(['Case number', 'Status']);
    one(ax, 'button', 'Send');

    const close = portal.shadowRoot!.querySelector('case-detail')!.shadowRoot!.querySelector<HTMLButtonElement>('[part~=action-close]')!;
    close.click();
    await waitUntil(async () => byRole(await tree(), 'dialog').length > 0, 'no dialog in the tree');
    const dialog = one(await tree(), 'dialog');
    expect(dialog.name).to.equal('Close this case');
    expect(dialog.modal).to.equal(true);
  });

  it('the conversation: a region with the filter as a group of radios, messages as a list, the reply box; the create form: named, labelled, required fields said', async () => {
    const row = portal.shadowRoot!.querySelector('case-list')!.shadowRoot!.querySelector<HTMLElement>('tbody tr [part~=open]')!;
    row.click();
    const thread = () => portal.shadowRoot?.querySelector('case-detail')?.shadowRoot?.querySelector('case-thread')?.shadowRoot;
    await waitUntil(() => thread()?.querySelector('[part~="list"] > li'), 'the conversation did not load', { timeout: 8000 });
    await waitUntil(async () => byRole(await tree(), 'region', 'Conversation').length > 0, 'no conversation region in the tree');
    const page = await tree();
    const conversation = one(page, 'region', 'Conversation');
    const filter = one(conversation, 'group', 'Show');
    expect(byRole(filter, 'radio').map((r) => r.name)).to.deep.equal(['All', 'Comments', 'Emails']);
    expect(byRole(filter, 'radio', 'All')[0]!.checked).to.equal(true);
    // Each message is an article named by who wrote it, their role and the exact time, so a screen
    // reader's list of articles says who wrote what when. The DOM and the tree are read together until
    // they agree: the conversation renders progressively and Chromium fills in the articles' names a
    // moment after the list's items (both seen under load), so one read of each can catch them apart.
    const shownNow = () =>
      [...thread()!.querySelectorAll('[part~="list"] article')].map((a) => {
        const part = (p: string) => a.querySelector(`[part~=${p}]`)!;
        return `${part('author').textContent!.trim()} ${part('role-badge').textContent!.trim()} ${part('time').querySelector('.visually-hidden')!.textContent!.trim()}`;
      });
    let shown: string[] = [];
    let items = -1;
    let named: (string | undefined)[] = [];
    let seen = '';
    await waitUntil(
      async () => {
        const region = one(await tree(), 'region', 'Conversation');
        // The messages' list is the one holding articles (the region may hold other lists).
        const lists = byRole(region, 'list');
        const list = lists.find((l) => byRole(l, 'article').length > 0) ?? lists.find((l) => byRole(l, 'listitem').length > 0);
        items = list ? byRole(list, 'listitem').length : 0;
        named = list ? byRole(list, 'article').map((a) => a.name) : [];
        shown = shownNow();
        seen = outline(region);
        return items === thread()!.querySelectorAll('[part~="list"] > li').length && JSON.stringify(named) === JSON.stringify(shown);
      },
      'the messages are not articles in the tree',
      { timeout: 8000 },
    ).catch(() => undefined);
    expect(shown.length).to.be.greaterThan(0);
    expect(items, `list items in the tree; the region read: ${seen}`).to.equal(thread()!.querySelectorAll('[part~="list"] > li').length);
    expect(named, `articles in the tree; the region read: ${seen}`).to.deep.equal(shown);
    one(page, 'textbox', 'Your reply');

    (portal as unknown as { go(route: { view: string }): void }).go({ view: 'create' });
    await waitUntil(() => portal.shadowRoot?.querySelector('case-create')?.shadowRoot?.querySelector('form'), 'no form', { timeout: 8000 });
    await waitUntil(async () => byRole(await tree(), 'form', 'New case').length > 0, 'no form in the tree');
    const form = one(await tree(), 'form', 'New case');
    expect(one(form, 'textbox', 'Subject').required).to.equal(true);
    expect(one(form, 'textbox', 'Description').required).to.equal(true);
    // (A required <select> carries required and aria-required; Chromium's tree does not list the state for it.)
    one(form, 'combobox', 'Product');
    expect(one(form, 'textbox', 'Contract ID').required).to.not.equal(true);
    one(form, 'button', 'Create case');
  });

  it('the search in the bar: typing expands the combobox, and its results are options named by number and subject', async () => {
    const search = portal.shadowRoot!.querySelector('case-search')!;
    await waitUntil(() => search.shadowRoot?.querySelector('input'), 'no search box', { timeout: 8000 });
    const input = search.shadowRoot!.querySelector('input')!;
    input.value = 'router';
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitUntil(() => search.shadowRoot!.querySelector('[role=option]'), 'no results', { timeout: 8000 });
    await waitUntil(async () => byRole(await tree(), 'option').some((o) => /router/i.test(o.name ?? '')), 'no options in the tree');
    const ax = await tree();
    expect(one(ax, 'combobox', 'Find a case').expanded).to.equal(true);
    const options = byRole(one(ax, 'listbox'), 'option');
    const matches = (await adapter.listCases({ keyword: 'router', limit: 8, sort: { key: 'updatedAt', dir: 'desc' } })).items;
    expect(options.length).to.equal(matches.length);
    expect(options[0]!.name).to.contain(matches[0]!.number).and.contain(matches[0]!.subject);
  });
});
