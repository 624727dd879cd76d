/**
 * The whole path against the real case server (no msw): a page with `<case-portal api token-url>`,
 * the host site's sign-in (a session cookie) and token endpoint (test/servers/case-server.mjs), the
 * server on SQLite and on PostgreSQL. A customer creates a case with a file; an agent answers
 * through the agent API; the answer appears live; the customer closes, reopens, closes again and
 * rates. Each step is checked on the page and on the server.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@case-portal/elements/bundle.js';
import { pickFiles } from '../../packages/elements/src/testing/index.js';
import { deepQuery as deep, insideShadow as inside } from '../dom.js';
import { caseServers, hostToken } from '../servers/case-server-client.js';

const servers = await caseServers();

// wtr runs test files in parallel tabs and this one may be in the background, where the portal's
// adapter rightly makes no live traffic (it catches up when the tab is shown). This test is about
// a customer looking at the page: tell the page it is visible.
before(() => Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' }));
after(() => delete (document as { visibilityState?: DocumentVisibilityState }).visibilityState);

async function typeInto(target: HTMLElement, text: string): Promise<void> {
  target.focus();
  await sendKeys({ type: text });
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

const text = (n: Node | null | undefined) => n?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

for (const kind of ['sqlite', 'postgres'] as const) {
  describe(`the portal on the case server (${kind})`, () => {
    let portal: HTMLElement;
    afterEach(() => portal?.remove());

    it('sign in → create with a file → an agent answers, live → close → reopen → close → rate', async function () {
      this.timeout(60_000);
      const api = servers[kind];
      const run = `${kind}-${Date.now().toString(36)}`;
      const customer = { sub: `e2e-${run}`, name: 'Robin Vale', email: 'robin@example.com', org: `e2e-org-${run}` };
      // A host site of this test's own (a cookie of its own): other test files sign in in parallel.
      const site = `e2e-server-${kind}`;
      await fetch(`/__case-server/signin?${new URLSearchParams({ ...customer, site })}`);
      const asCustomer = async () => ({ authorization: `Bearer ${await hostToken(customer)}` });
      const agentToken = await hostToken({ sub: `agent-${run}`, name: 'Sam Rivera', role: 'agent' });

      portal = document.createElement('case-portal');
      portal.setAttribute('api', api);
      portal.setAttribute('token-url', `/__case-server/portal-token?site=${site}`);
      document.body.append(portal);
      const root = portal.shadowRoot!;
      await waitUntil(() => text(root).includes('Robin Vale'), 'not signed in through token-url', { timeout: 10_000 });

      // Create, with a file.
      root.querySelector<HTMLButtonElement>('[part~=nav-create]')!.click();
      await waitUntil(() => inside(root, 'case-create', 'input[name=subject]'), 'create form', { timeout: 10_000 });
      await typeInto(inside(root, 'case-create', 'input[name=subject]')!, 'Label printer jams on every third label');
      await typeInto(inside(root, 'case-create', 'textarea[name=description]')!, 'Model LP-40, since Monday.');
      choose(inside<HTMLSelectElement>(root, 'case-create', '[part~=field-product] select')!, 'router-x200');
      const log = new File(['jam at label 3\n'.repeat(200)], 'printer.log', { type: 'text/plain' });
      pickFiles(deep<HTMLInputElement>(deep(root, 'case-create')!.shadowRoot!, 'input[type=file]')!, [log]);
      // Uploaded at once (to the server, before the case exists), then ready to go with the case.
      await waitUntil(() => /printer\.log [\d.]+ kB Ready/.test(text(deep(root, 'case-create')?.shadowRoot)), 'the file did not upload', { timeout: 15_000 });
      inside<HTMLButtonElement>(root, 'case-create', '[part~=submit]')!.click();
      await waitUntil(() => inside(root, 'case-create', '[part~=confirmation]'), 'no confirmation', { timeout: 15_000 });
      inside<HTMLButtonElement>(root, 'case-create', '[part~=open-button]')!.click();
      await waitUntil(() => text(inside(root, 'case-detail', '#title')) === 'Label printer jams on every third label', 'case view', { timeout: 15_000 });
      const caseId = (deep(root, 'case-detail') as HTMLElement & { caseId: string }).caseId;

      // The server has the case and the file, byte for byte, behind the signed link the page shows.
      const files = (await (await fetch(`${api}/cases/${caseId}/files`, { headers: await asCustomer() })).json()) as { items: { name: string; url: string; type: string }[] };
      expect(files.items.map((f) => [f.name, f.type])).to.deep.equal([['printer.log', 'text/plain']]);
      const download = await fetch(new URL(files.items[0]!.url, `${api}/`));
      expect(download.status).to.equal(200);
      expect(await download.text()).to.equal(await log.text());

      // An agent answers through the agent API; the customer's page shows it without a reload.
      await waitUntil(() => deep(root, 'case-thread')?.shadowRoot?.querySelector('[part~=composer-input]'), 'conversation', { timeout: 10_000 });
      // The case view reloads the case on the event the answer causes (its version moved): count those
      // reloads, so the customer's next action is taken on the case as it now is, as a person would.
      let reloads = 0;
      const realFetch = window.fetch;
      window.fetch = async (input, init) => {
        const res = await realFetch(input, init);
        if (String(input) === `${api}/cases/${caseId}` && (init?.method ?? 'GET') === 'GET') reloads++;
        return res;
      };
      after(() => (window.fetch = realFetch));
      const answer = `Please try the new firmware (${run}).`;
      const replied = await fetch(`${api}/agent/cases/${caseId}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json', 'idempotency-key': `agent-${run}` },
        body: JSON.stringify({ body: answer }),
      });
      expect(replied.status).to.equal(201);
      await waitUntil(
        () => [...(deep(root, 'case-thread')!.shadowRoot!.querySelectorAll('[part~=message-body]'))].some((b) => text(b) === answer),
        'the agent’s answer did not arrive live',
        { timeout: 20_000 },
      );
      await waitUntil(() => reloads > 0, 'the case view did not reload the case after the answer', { timeout: 10_000 });
      window.fetch = realFetch;

      // Close as resolved (the demo policy reopens resolved cases), reopen, close again.
      const detail = () => deep(root, 'case-detail')!.shadowRoot!;
      const act = async (action: string) => {
        await waitUntil(() => detail().querySelector<HTMLButtonElement>(`[part~=action-${action}]:not([disabled])`), `no ${action} action`, { timeout: 10_000 });
        detail().querySelector<HTMLButtonElement>(`[part~=action-${action}]`)!.click();
        await waitUntil(() => detail().querySelector<HTMLDialogElement>('dialog')?.open, `${action} dialog`);
      };
      const status = () => text(detail().querySelector('[part=status]'));
      const closeAs = (statusId: string) => {
        choose(detail().querySelector<HTMLSelectElement>('#f-status')!, statusId);
        const reason = detail().querySelector<HTMLSelectElement>('#f-reason')!;
        choose(reason, reason.options[1]!.value);
        detail().querySelector<HTMLButtonElement>('dialog [part~=dialog-submit]')!.click();
      };
      await act('close');
      closeAs('resolved');
      await waitUntil(() => status() === 'Resolved', `not resolved: ${status()}`, { timeout: 10_000 });
      await act('reopen');
      detail().querySelector<HTMLButtonElement>('dialog [part~=dialog-submit]')!.click();
      await waitUntil(() => status() === 'Reopened', `not reopened: ${status()}`, { timeout: 10_000 });
      await act('close');
      closeAs('resolved');
      await waitUntil(() => status() === 'Resolved', `not resolved again: ${status()}`, { timeout: 10_000 });

      // Rate the service.
      await waitUntil(() => detail().querySelector('[part~=feedback-submit]'), 'no rating form', { timeout: 10_000 });
      detail().querySelector<HTMLInputElement>('#rating-5')!.click();
      detail().querySelector<HTMLButtonElement>('[part~=feedback-submit]')!.click();
      await waitUntil(() => detail().querySelector('[part=feedback-given]'), 'rating not shown', { timeout: 10_000 });

      // What the server keeps: two closes and a reopen in the history, one public answer, the rating.
      const c = (await (await fetch(`${api}/cases/${caseId}`, { headers: await asCustomer() })).json()) as { reopenCount: number; feedback: { rating: number } };
      expect(c.reopenCount).to.equal(1);
      expect(c.feedback.rating).to.equal(5);
      const history = (await (await fetch(`${api}/cases/${caseId}/history`, { headers: await asCustomer() })).json()) as { items: { to: { id: string } }[] };
      expect(history.items.map((h) => h.to.id).slice(-3)).to.deep.equal(['resolved', 'reopened', 'resolved']);
    });
  });
}
