/**
 * Issue 12, defect 3: a case id from the page URL went into the request path unchecked.
 * `?case.open=..` made the adapter call `GET /api/portal/`, `?case.open=.` `GET /api/portal/cases/`:
 * a crafted link could point the customer's signed-in requests at other routes. Now an id that is
 * not one (ids are `[A-Za-z0-9_-]{1,100}`) is refused before any request, as "not found".
 */
import { expect, fixture, fixtureCleanup, html } from '@open-wc/testing';
import '@case-portal/elements/define/case-portal.js';
import type { CasePortal } from '@case-portal/elements';
import { en } from '../../packages/elements/src/i18n/en.js';
import { waitFor } from '../../packages/elements/src/testing/index.js';
import { deepQuery } from '../dom.js';
import { backend, errorText, now, openGates, startWorker, stopWorker } from './support.js';

const NOT_FOUND = en['error.not_found'] as string;
const startUrl = location.href;

before(async function () {
  this.timeout(20_000);
  await startWorker();
});
afterEach(() => {
  fixtureCleanup();
  openGates();
  history.replaceState(history.state, '', startUrl);
});
after(stopWorker);

describe('a crafted case link', () => {
  for (const id of ['..', '.', '../me', '../../admin', 'a/b', '..%2F..', 'x?y=1', '%2e%2e']) {
    it(`?case.open=${id} shows "not found" and sends no request for it`, async () => {
      const b = backend();
      const url = new URL(startUrl);
      url.searchParams.set('case.open', id);
      history.replaceState(history.state, '', url);
      const el = await fixture<CasePortal>(html`<case-portal url-state .adapter=${b.rest()} .now=${now}></case-portal>`);
      const detail = await waitFor(() => deepQuery(el.shadowRoot!, 'case-detail')?.shadowRoot, 'the case view');
      await waitFor(() => errorText(detail), 'an error in the case view');
      expect(errorText(detail)).to.equal(NOT_FOUND);
      expect(detail.querySelector('[part~="retry"]'), 'retrying cannot help').to.equal(null);
      // Let anything the case view or the conversation might still send arrive.
      await new Promise((r) => setTimeout(r, 200));
      expect(b.received.map((r) => `${r.method} ${r.path}`), 'only what the portal loads for itself').to.deep.equal([
        'GET /api/portal/schema',
        'GET /api/portal/me',
      ]);
      b.api.dispose();
    });
  }

  it('still opens a real case from the link (ids as the memory adapter and the case server make them)', async () => {
    const b = backend();
    const target = (await b.data.listCases({ limit: 1 })).items[0]!;
    const url = new URL(startUrl);
    url.searchParams.set('case.open', target.id);
    history.replaceState(history.state, '', url);
    const el = await fixture<CasePortal>(html`<case-portal url-state .adapter=${b.rest()} .now=${now}></case-portal>`);
    await waitFor(() => deepQuery(el.shadowRoot!, 'case-detail')?.shadowRoot?.querySelector('#title'), 'the case');
    expect(deepQuery(el.shadowRoot!, 'case-detail')!.shadowRoot!.querySelector('#title')!.textContent).to.equal(target.subject);
    expect(b.sent('GET', `/cases/${target.id}`)).to.have.length(1);
    b.api.dispose();
  });
});
