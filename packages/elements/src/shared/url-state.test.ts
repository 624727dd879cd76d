import { expect, oneEvent } from '@open-wc/testing';
import { LitElement } from 'lit';
import { demoSchema } from '@case-portal/adapter-memory';
import type { CaseQuery } from '@case-portal/core';
import { UrlQueryController } from './url-state.js';
import { subscribeRoute, writeRoute } from './route-state.js';
import { readRoute, type PortalRoute } from './url-route.js';
import { activatePage, recordHistory } from '../../../../test/history.js';

// Chromium prunes a page's history entries first when the tab's history is full, unless the page
// has had a user activation (test/history.ts).
before(activatePage);

class UrlStateHost extends LitElement {}
customElements.define('url-state-test-host', UrlStateHost);

const DEFAULT_SORT = { key: 'updatedAt', dir: 'desc' } as const;

/** A connected host with an enabled controller; `restored` collects every onRestore call. */
function mount(prefix?: string) {
  const host = document.createElement('url-state-test-host') as UrlStateHost;
  const restored: Partial<CaseQuery>[] = [];
  const ctl = new UrlQueryController(host, (q) => restored.push(q), { enabled: true, ...(prefix ? { prefix } : {}) });
  document.body.append(host);
  hosts.push(host);
  return { host, ctl, restored };
}
const hosts: HTMLElement[] = [];

/** Our params only, as one sorted string: what the tests compare. */
function ours(prefix = 'case.'): string {
  const p = new URLSearchParams([...new URLSearchParams(location.search)].filter(([k]) => k.startsWith(prefix)));
  p.sort();
  return p.toString();
}

async function back(): Promise<void> {
  const popped = oneEvent(window, 'popstate');
  history.back();
  await popped;
}

let startUrl: string;
let startState: unknown;

/**
 * Each test starts on a fresh entry at the end of history: pushing drops the forward entries an
 * earlier test's back() left (they would make history.length jump), and a test can go back as many
 * times as it pushed without leaving the page (one back() too many navigates the tab away).
 */
function start(): void {
  history.pushState(history.state, '', location.href);
  startUrl = location.href;
  startState = history.state;
}

/** The test page's own search (wtr's session id) plus `extra`, and `hash`. */
function setUrl(extra: string, hash = ''): void {
  const u = new URL(startUrl);
  const search = u.search ? `${u.search}&${extra}` : `?${extra}`;
  history.replaceState(history.state, '', u.pathname + search + hash);
}

describe('UrlQueryController', () => {
  beforeEach(start);

  afterEach(() => {
    for (const h of hosts.splice(0)) h.remove();
    history.replaceState(startState, '', startUrl);
  });

  it('round-trips the query, leaving out cursor, limit and the default sort', () => {
    const { ctl } = mount();
    const q: CaseQuery = {
      view: 'account',
      keyword: 'router',
      statuses: ['open', 'new'],
      categories: ['pending-customer'],
      origins: ['web'],
      fields: { product: { op: 'in', values: ['router-x200'] }, affected_users: { op: 'range', from: 2 } },
      sort: { key: 'number', dir: 'asc' },
      cursor: 'abc',
      limit: 10,
    };
    ctl.write(q, 'push', { sort: DEFAULT_SORT });
    expect(ours()).to.contain('case.q=router').and.contain('case.sort=number%3Aasc');
    expect(location.search).not.to.contain('cursor').and.not.to.contain('limit');

    const { cursor: _c, limit: _l, ...rest } = q;
    expect(mount().ctl.read({ affected_users: 'number' })).to.deep.equal(rest);

    ctl.write({ ...q, sort: { ...DEFAULT_SORT } }, 'replace', { sort: DEFAULT_SORT });
    expect(location.search).not.to.contain('case.sort');
    ctl.write({ sort: { ...DEFAULT_SORT } }, 'replace', { sort: DEFAULT_SORT });
    expect(ours()).to.equal('');
    expect(location.href).to.equal(startUrl);
  });

  it('keeps every other param verbatim, the path and the hash', () => {
    setUrl('page=5&utm=x&flag&sp=a%20b+c', '#frag');
    const before = location.search;
    const { ctl } = mount();
    ctl.write({ keyword: 'a b', statuses: ['open'] }, 'push');
    expect(location.search.startsWith(`${before}&`), location.search).to.equal(true);
    expect(location.hash).to.equal('#frag');
    expect(location.pathname).to.equal(new URL(startUrl).pathname);
    expect(ours()).to.equal('case.q=a+b&case.status=open');

    ctl.write({}, 'push');
    expect(location.search).to.equal(before);
    expect(location.hash).to.equal('#frag');
  });

  it('passes history.state through, so a host router keeps its own', () => {
    history.replaceState({ router: 'orders', n: 1 }, '');
    const { ctl } = mount();
    ctl.write({ keyword: 'x' }, 'push');
    expect(history.state).to.deep.equal({ router: 'orders', n: 1 });
    ctl.write({ keyword: 'xy' }, 'replace');
    expect(history.state).to.deep.equal({ router: 'orders', n: 1 });
  });

  it('push adds a history entry, replace does not, an unchanged query writes nothing', () => {
    const { ctl } = mount();
    const rec = recordHistory();
    const calls = rec.calls;
    try {
      ctl.write({ statuses: ['open'] }, 'push');
      expect(calls).to.deep.equal(['push']);
      ctl.write({ statuses: ['open'], keyword: 'r' }, 'replace');
      ctl.write({ statuses: ['open'], keyword: 'ro' }, 'replace');
      expect(calls).to.deep.equal(['push', 'replace', 'replace']);
      expect(ours()).to.equal('case.q=ro&case.status=open');
      const href = location.href;
      // same params, other key order and a cursor: nothing to write
      ctl.write({ keyword: 'ro', cursor: 'next', statuses: ['open'] }, 'push');
      expect(calls).to.have.length(3);
      expect(location.href).to.equal(href);
    } finally {
      rec.restore();
    }
  });

  it('restores the previous query on back and the next on forward', async () => {
    const { ctl, restored } = mount();
    ctl.write({ statuses: ['open'] }, 'push');
    ctl.write({ statuses: ['open'], sort: { key: 'number', dir: 'asc' } }, 'push');
    expect(restored).to.deep.equal([]);

    await back();
    expect(restored).to.deep.equal([{ statuses: ['open'] }]);

    const popped = oneEvent(window, 'popstate');
    history.forward();
    await popped;
    expect(restored[1]).to.deep.equal({ statuses: ['open'], sort: { key: 'number', dir: 'asc' } });
  });

  it('ignores a popstate that changed only foreign params, the hash or the route', async () => {
    const { ctl, restored } = mount();
    ctl.write({ keyword: 'router' }, 'push');
    history.pushState(history.state, '', `${location.search}&page=6`);
    await back();
    writeRoute({ view: 'detail', caseId: '42' }, 'push');
    await back();
    // A fragment navigation fires popstate synchronously, inside the assignment: listen first.
    const popped = oneEvent(window, 'popstate');
    location.hash = 'section';
    await popped;
    await back();
    expect(restored).to.deep.equal([]);
    expect(ctl.read()).to.deep.equal({ keyword: 'router' });
  });

  it('drops malformed and unknown values from a hand-edited URL instead of throwing', () => {
    setUrl('case.sort=zzz&case.status=&case.status=open&case.view=everyone&case.category=bogus&case.limit=0&case.f.n=abc');
    const { ctl } = mount();
    expect(ctl.read({ n: 'number' })).to.deep.equal({ statuses: ['open'] });
  });

  it('with the schema: restores numbers and drops what the backend does not know', () => {
    setUrl('case.status=open&case.status=gone&case.origin=pigeon&case.sort=colour:asc&case.view=mine' +
      '&case.f.affected_users.from=3&case.f.nope=1');
    const { ctl } = mount();
    ctl.schema = demoSchema;
    expect(ctl.read()).to.deep.equal({
      view: 'mine',
      statuses: ['open'],
      fields: { affected_users: { op: 'range', from: 3 } },
    });
  });

  it('keeps several lists apart by prefix', async () => {
    const a = mount('open.');
    const b = mount('done.');
    a.ctl.write({ statuses: ['open'] }, 'push');
    b.ctl.write({ statuses: ['closed'] }, 'push');
    expect(ours('open.')).to.equal('open.status=open');
    expect(ours('done.')).to.equal('done.status=closed');
    expect(a.ctl.read()).to.deep.equal({ statuses: ['open'] });

    await back();
    expect(a.restored).to.deep.equal([]);
    expect(b.restored).to.deep.equal([{}]);
  });

  it('does nothing while disabled and stops listening when disconnected', async () => {
    const { host, ctl, restored } = mount();
    ctl.enabled = false;
    const href = location.href;
    ctl.write({ keyword: 'x' }, 'push');
    expect(location.href).to.equal(href);
    ctl.enabled = true;
    ctl.write({ keyword: 'x' }, 'push');
    ctl.write({ keyword: 'y' }, 'push');
    host.remove();
    await back();
    expect(restored).to.deep.equal([]);
    document.body.append(host);
    await back();
    expect(restored).to.deep.equal([{}]);
  });
});

describe('route state', () => {
  beforeEach(start);

  afterEach(() => {
    history.replaceState(startState, '', startUrl);
  });

  it('reads and writes the route, keeping the list query, other params, hash and state', () => {
    setUrl('page=5&case.status=open', '#top');
    history.replaceState({ router: 1 }, '');
    expect(readRoute()).to.deep.equal({ view: 'list' });
    const rec = recordHistory();

    expect(writeRoute({ view: 'detail', caseId: 'C-42' }, 'push')).to.equal(true);
    expect(readRoute()).to.deep.equal({ view: 'detail', caseId: 'C-42' });
    expect(new URLSearchParams(location.search).get('case.status')).to.equal('open');
    expect(new URLSearchParams(location.search).get('page')).to.equal('5');
    expect(location.hash).to.equal('#top');
    expect(history.state).to.deep.equal({ router: 1 });
    expect(rec.pushes).to.equal(1);

    expect(writeRoute({ view: 'detail', caseId: 'C-42' }, 'push')).to.equal(false);
    writeRoute({ view: 'create' }, 'replace');
    expect(readRoute()).to.deep.equal({ view: 'create' });
    expect(location.search).not.to.contain('case.open');
    expect(rec.pushes).to.equal(1);
    rec.restore();

    writeRoute({ view: 'list' }, 'replace');
    expect(location.search).not.to.contain('case.new');
    expect(readRoute('case.', '?case.open=&case.new=yes')).to.deep.equal({ view: 'list' });
    expect(readRoute('p.', '?case.open=1&p.new=1')).to.deep.equal({ view: 'create' });
  });

  it('tells subscribers about route changes on popstate, and only about those', async () => {
    const routes: PortalRoute[] = [];
    const stop = subscribeRoute('case.', (r) => routes.push(r));
    try {
      writeRoute({ view: 'detail', caseId: '7' }, 'push');
      history.pushState(history.state, '', `${location.search}&case.status=open`);
      await back();
      expect(routes).to.deep.equal([]);
      await back();
      expect(routes).to.deep.equal([{ view: 'list' }]);
    } finally {
      stop();
    }
    const popped = oneEvent(window, 'popstate');
    history.forward();
    await popped;
    expect(routes).to.have.length(1);
  });
});
