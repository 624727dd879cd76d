/**
 * Issue 12, defect 2: a 429 with `Retry-After: 20`. Before, the message named no wait and Retry
 * worked at once (and sent again). Now the message says when (in the locale's words, through
 * Intl), Retry stays disabled until then and comes back by itself, and nothing else the element
 * does on its own (a typed keyword) sends a request before then.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '@case-portal/elements/define/case-list.js';
import '@case-portal/elements/define/case-thread.js';
import { registerCatalog, type CaseList, type CaseThread } from '@case-portal/elements';
import { errorHandlers } from '../mocks/failures.js';
import { memoryStorage, typeInto, waitFor } from '../../packages/elements/src/testing/index.js';
import { OPEN_CASE } from '../../packages/elements/src/testing/case-thread.js';
import { backend, errorText, now, openGates, startWorker, stopWorker } from './support.js';

before(async function () {
  this.timeout(20_000);
  await startWorker();
});
afterEach(openGates);
after(stopWorker);

const retryButton = (root: ShadowRoot) => root.querySelector<HTMLButtonElement>('[part~="error"] [part~="retry"]')!;

describe('a 429 with Retry-After', () => {
  it('says when to try again, holds Retry and every automatic request until then', async function () {
    this.timeout(10_000);
    const b = backend();
    b.use(errorHandlers.rateLimited(20, { method: 'get', path: '/cases', once: true }));
    const el = await fixture<CaseList>(html`<case-list .adapter=${b.rest()} .now=${now} locale="en-US"></case-list>`);
    const root = el.shadowRoot!;
    await waitFor(() => errorText(root), 'the rate-limit message');
    expect(errorText(root)).to.equal('Too many requests. You can try again in 20 seconds.');
    expect(retryButton(root).disabled, 'Retry waits').to.equal(true);
    retryButton(root).click();
    // The list reloads by itself when a keyword is typed: that waits too (refused before sending).
    typeInto(root.querySelector<HTMLInputElement>('#keyword')!, 'printer');
    root.querySelector<HTMLInputElement>('#keyword')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await new Promise((r) => setTimeout(r, 400));
    expect(b.sent('GET', '/cases'), 'one request: the one that was refused').to.have.length(1);
    expect(errorText(root)).to.match(/^Too many requests\. You can try again in (19|20) seconds\.$/);
    expect(retryButton(root).disabled).to.equal(true);
    await expect(el).to.be.accessible();
    b.api.dispose();
  });

  it('gives Retry back by itself when the wait is over, and then loads', async function () {
    this.timeout(10_000);
    const b = backend();
    b.use(errorHandlers.rateLimited(1, { method: 'get', path: '/cases', once: true }));
    const el = await fixture<CaseList>(html`<case-list .adapter=${b.rest()} .now=${now} locale="en-US"></case-list>`);
    const root = el.shadowRoot!;
    await waitFor(() => errorText(root), 'the rate-limit message');
    expect(errorText(root)).to.equal('Too many requests. You can try again in 1 second.');
    expect(retryButton(root).disabled).to.equal(true);
    await waitFor(() => !retryButton(root).disabled, 'Retry comes back after a second', { timeout: 2500 });
    retryButton(root).click();
    await waitFor(() => root.querySelector('tbody tr [part~="open"]'), 'rows');
    expect(b.sent('GET', '/cases')).to.have.length(2);
    b.api.dispose();
  });

  it('says the wait in the customer’s language', async () => {
    registerCatalog('de', { 'error.rate_limited.wait': 'Zu viele Anfragen. Versuchen Sie es {when} erneut.' });
    const b = backend();
    b.use(errorHandlers.rateLimited(90, { method: 'get', path: '/cases', once: true }));
    const el = await fixture<CaseList>(html`<case-list .adapter=${b.rest()} .now=${now} locale="de-DE"></case-list>`);
    await waitFor(() => errorText(el.shadowRoot), 'the rate-limit message');
    expect(errorText(el.shadowRoot)).to.equal('Zu viele Anfragen. Versuchen Sie es in 90 Sekunden erneut.');
    b.api.dispose();
  });

  it('holds Retry on a reply that was refused for too many requests, and keeps its text', async () => {
    const b = backend();
    b.use(errorHandlers.rateLimited(20, { method: 'post', path: '/cases/:id/messages', once: true }));
    const el = await fixture<CaseThread>(
      html`<case-thread .adapter=${b.rest()} .now=${now} .draftStorage=${memoryStorage()} case-id=${OPEN_CASE} locale="en-US"></case-thread>`,
    );
    const root = el.shadowRoot!;
    await waitFor(() => root.querySelector('#reply'), 'composer');
    typeInto(root.querySelector<HTMLTextAreaElement>('#reply')!, 'Any update?');
    root.querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await waitFor(() => root.querySelector('[part~="message-outgoing"][data-state="failed"]'), 'failed');
    expect(root.querySelector('[part~="send-error"]')!.textContent).to.contain('Too many requests. You can try again in 20 seconds.');
    expect(root.querySelector<HTMLButtonElement>('[part~="retry-button"]')!.disabled).to.equal(true);
    expect(root.querySelector<HTMLTextAreaElement>('#reply')!.value).to.equal('Any update?');
    expect(b.sent('POST', '/messages')).to.have.length(1);
    el.remove();
    b.api.dispose();
  });
});
