/**
 * A page with no script of its own signs its visitor in through `token-url`: the single file's
 * default REST adapter asks the host site's endpoint for the token (with the site's cookie) and
 * sends it on every call; without a session on the host site it sends none.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import type { SetupWorker } from 'msw/browser';
import '@case-portal/elements/bundle.js';
import { startMockWorker } from './mocks/browser.js';
import { createMockApi } from './mocks/handlers.js';
import { MemoryAdapter } from '@case-portal/adapter-memory';

let worker: SetupWorker;
before(async function () {
  this.timeout(20_000);
  worker = await startMockWorker([]);
});
after(() => worker.stop());
afterEach(() => document.querySelectorAll('case-list').forEach((e) => e.remove()));

describe('token-url: signing in from the host site without a script', () => {
  it('fetches the token from the host endpoint once and sends it on every API call', async function () {
    this.timeout(10_000);
    const seen: (string | null)[] = [];
    let tokenCalls = 0;
    const api = createMockApi({ baseUrl: '/api/token-portal', adapter: new MemoryAdapter({ storage: null, latencyMs: 0 }) });
    worker.resetHandlers(
      http.get('/host/portal-token', () => {
        tokenCalls++;
        return HttpResponse.json({ token: 'visitor-token' });
      }),
      http.all('/api/token-portal/*', ({ request }) => {
        seen.push(request.headers.get('authorization'));
      }),
      ...api.handlers,
    );
    const list = document.createElement('case-list');
    list.setAttribute('api', '/api/token-portal');
    list.setAttribute('token-url', '/host/portal-token');
    document.body.append(list);
    await waitUntil(() => list.shadowRoot?.querySelector('tbody tr'), 'no rows through the token', { timeout: 8000 });
    expect(seen.length).to.be.greaterThan(0);
    expect(new Set(seen)).to.deep.equal(new Set(['Bearer visitor-token']));
    expect(tokenCalls, 'one token for the whole page').to.equal(1);
    api.dispose();
  });

  it('sends no token when the host site answers 401 (not signed in) and shows the sign-in error', async function () {
    this.timeout(10_000);
    const seen: (string | null)[] = [];
    worker.resetHandlers(
      http.get('/host/signed-out-token', () => new HttpResponse(null, { status: 401 })),
      http.all('/api/signed-out/*', ({ request }) => {
        seen.push(request.headers.get('authorization'));
        return HttpResponse.json({ error: { code: 'unauthorized', message: 'Sign-in required.' } }, { status: 401 });
      }),
    );
    const list = document.createElement('case-list');
    list.setAttribute('api', '/api/signed-out');
    list.setAttribute('token-url', '/host/signed-out-token');
    document.body.append(list);
    await waitUntil(() => list.shadowRoot?.querySelector('[part=error]'), 'no error', { timeout: 8000 });
    expect(seen.length).to.be.greaterThan(0);
    expect(seen.every((h) => h === null)).to.equal(true);
    expect(list.shadowRoot!.querySelector('[part=error]')!.textContent).to.match(/sign/i);
  });
});
