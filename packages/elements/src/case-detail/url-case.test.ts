/**
 * UrlCaseController alone, on a bare ReactiveElement host: the case the page URL names under the
 * host's prefix with `url-state`, back/forward followed, a `case-id` attribute winning, nothing
 * read without `url-state`.
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { ReactiveElement } from 'lit';
import { activatePage } from '../../../../test/history.js';
import { defineHost, place, removePlaced } from '../testing/index.js';
import { loadUrlSync } from '../shared/url-sync-loader.js';
import { UrlCaseController } from './url-case.js';

before(activatePage);

class UrlCaseHost extends ReactiveElement {
  urlState = true;
  urlPrefix = 'uc.';
  caseId?: string;
  readonly urlCase = new UrlCaseController(this);
}
defineHost(UrlCaseHost);

describe('UrlCaseController (alone, on a bare ReactiveElement)', () => {
  const start = location.href;
  afterEach(() => {
    removePlaced();
    history.replaceState(null, '', start);
  });

  it('shows the case the URL names under its prefix, and follows back/forward', async () => {
    history.replaceState(null, '', `${location.pathname}?uc.open=c_7&other.open=c_9`);
    const host = place(new UrlCaseHost());
    await host.updateComplete;
    expect(host.caseId).to.equal('c_7');

    const sync = await loadUrlSync();
    sync.writeRoute({ view: 'detail', caseId: 'c_8' }, 'push', 'uc.');
    host.requestUpdate();
    await host.updateComplete;
    expect(host.caseId).to.equal('c_8');
    const popped = oneEvent(window, 'popstate');
    history.back();
    await popped;
    await waitUntil(() => host.caseId === 'c_7', 'back was not followed');
  });

  it('leaves the case alone without url-state, or when a case-id attribute names one', async () => {
    history.replaceState(null, '', `${location.pathname}?uc.open=c_7`);
    const off = new UrlCaseHost();
    off.urlState = false;
    place(off);
    await off.updateComplete;
    expect(off.caseId).to.equal(undefined);

    const given = new UrlCaseHost();
    given.setAttribute('case-id', 'c_1');
    given.caseId = 'c_1';
    place(given);
    await given.updateComplete;
    expect(given.caseId).to.equal('c_1');
  });

  it('clears the case when the URL names none (a list route)', async () => {
    history.replaceState(null, '', `${location.pathname}?uc.open=c_7`);
    const host = place(new UrlCaseHost());
    await host.updateComplete;
    const sync = await loadUrlSync();
    sync.writeRoute({ view: 'list' }, 'push', 'uc.');
    host.requestUpdate();
    await host.updateComplete;
    expect(host.caseId).to.equal(undefined);
  });
});
