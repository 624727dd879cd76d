/**
 * The whole portal on each vendor connector (every entry of
 * packages/server/test/support/connector-test-servers.ts): the case server runs on the connector over
 * the vendor's strict fake; the page signs in through the host site's token endpoint
 * (test/servers/case-server.mjs). The customer's cases are made in the fake first, as the vendor's
 * own UI would have made them. List → open → reply with a file → close, each step checked on the
 * page and in the fake's data; the file reaches the vendor byte for byte and downloads back through
 * the link the page shows (the case server's own route, never the vendor's URL).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@case-portal/elements/bundle.js';
import { pickFiles } from '../../packages/elements/src/testing/index.js';
import { deepQuery as deep } from '../dom.js';
import { caseServers, seedVendor, vendorView, type SeedCustomer, type VendorCase } from '../servers/case-server-client.js';

const servers = await caseServers();

// A test file may run in a background tab, where the portal rightly makes no live traffic: this
// test is about a customer looking at the page, so the page is told it is visible.
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

/** Waits until the fake's copy of the case passes `ok` (the vendor is the source of truth, read back). */
async function vendorCaseWhen(connector: string, customer: SeedCustomer, id: string, ok: (c: VendorCase) => boolean, what: string): Promise<VendorCase> {
  let last: VendorCase | undefined;
  await waitUntil(
    async () => {
      last = (await vendorView(connector, customer)).cases.find((c) => c.id === id);
      return !!last && ok(last);
    },
    `${what}; the vendor has: ${JSON.stringify(last)}`,
    { timeout: 10_000, interval: 200 },
  );
  return last!;
}

for (const connector of Object.keys(servers.connectors)) {
  describe(`the portal on the ${connector} connector (over its fake vendor)`, () => {
    let portal: HTMLElement;
    afterEach(() => portal?.remove());

    it('lists the customer’s cases → opens one → replies with a file → closes it', async function () {
      this.timeout(60_000);
      const run = `${connector}-${Date.now().toString(36)}`;
      const customer: SeedCustomer = { sub: `e2e-${run}`, name: 'Robin Vale', email: `robin-${run}@example.com`, org: `e2e-org-${run}` };
      const seeded = await seedVendor(connector, customer);
      expect(seeded.cases.length, 'the fake holds the seeded cases').to.be.at.least(2);

      // A host site of this test's own (a cookie of its own): other test files sign in in parallel.
      const site = `e2e-${connector}`;
      await fetch(`/__case-server/signin?${new URLSearchParams({ ...customer, site })}`);
      portal = document.createElement('case-portal');
      portal.setAttribute('api', servers.connectors[connector]!);
      portal.setAttribute('token-url', `/__case-server/portal-token?site=${site}`);
      document.body.append(portal);
      const root = portal.shadowRoot!;
      await waitUntil(() => text(root).includes('Robin Vale'), 'not signed in through token-url', { timeout: 15_000 });

      // List: every case the vendor holds for the customer, by number and subject.
      const list = () => deep(root, 'case-list')?.shadowRoot;
      const rowOf = (c: VendorCase) => [...(list()?.querySelectorAll<HTMLTableRowElement>('tbody tr[part~=row]') ?? [])].find((r) => r.dataset.id === c.id);
      await waitUntil(() => seeded.cases.every((c) => rowOf(c)), 'the seeded cases are not all listed', { timeout: 15_000 });
      for (const c of seeded.cases) {
        expect(text(rowOf(c)), `row of ${c.id}`).to.include(c.subject).and.to.include(c.number);
      }

      // Open the one an agent answered (the one with more than its description in the thread).
      const target = seeded.cases.find((c) => c.messages.length > 1) ?? seeded.cases[0]!;
      rowOf(target)!.querySelector<HTMLElement>('[part~=open]')!.click();
      const detail = () => deep(root, 'case-detail')!.shadowRoot!;
      await waitUntil(() => text(deep(root, 'case-detail')?.shadowRoot?.querySelector('#title')) === target.subject, 'the case view did not open', { timeout: 15_000 });
      const thread = () => deep(root, 'case-thread')?.shadowRoot;
      const bodies = () => [...(thread()?.querySelectorAll('[part~=message-body]') ?? [])].map(text);
      // The thread shows the vendor's public answers (the first entry is the description where the vendor keeps it as a message).
      for (const m of target.messages.slice(1)) {
        await waitUntil(() => bodies().includes(m.body), `the thread does not show "${m.body}": ${JSON.stringify(bodies())}`, { timeout: 15_000 });
      }

      // Reply with a file: shown on the page, and in the vendor's thread as the customer's, the file byte for byte.
      await waitUntil(() => thread()?.querySelector('[part~=composer-input]'), 'no composer', { timeout: 10_000 });
      const reply = `Still wrong on invoice 2077 (${run}).`;
      await typeInto(thread()!.querySelector<HTMLElement>('[part~=composer-input]')!, reply);
      // Bytes that are not text, so any change of encoding on the way would show.
      const bytes = Uint8Array.from({ length: 3000 }, (_, i) => (i * 37 + 11) % 256);
      const pdf = new File([bytes], 'invoice-2077.pdf', { type: 'application/pdf' });
      pickFiles(thread()!.querySelector<HTMLInputElement>('input[type=file]')!, [pdf]);
      await waitUntil(() => thread()?.querySelector('[part~=pending-file][data-state=uploaded]'), 'the file did not upload', { timeout: 15_000 });
      thread()!.querySelector<HTMLButtonElement>('[part~=send-button]')!.click();
      await waitUntil(() => bodies().includes(reply), 'the reply is not shown', { timeout: 15_000 });
      // A vendor may take the reply and its file in separate writes (Creatio: the feed message, then
      // the CaseFile and its Data): wait for both, then check them.
      const replied = await vendorCaseWhen(
        connector,
        customer,
        target.id,
        (c) => c.messages.at(-1)?.body === reply && c.messages.at(-1)!.files.length > 0 && c.messages.at(-1)!.files.every((f) => f.size > 0),
        'the reply with its file did not reach the vendor',
      );
      expect(replied.messages.at(-1)!.byCustomer, 'the vendor has the reply as the customer’s').to.equal(true);
      expect(replied.messages.filter((m) => m.body === reply)).to.have.length(1);
      const [held] = replied.messages.at(-1)!.files;
      expect(replied.messages.at(-1)!.files.map((f) => [f.name, f.size])).to.deep.equal([['invoice-2077.pdf', 3000]]);
      expect([...atob(held!.base64)].map((ch) => ch.charCodeAt(0)), 'the vendor has the bytes sent').to.deep.equal([...bytes]);

      // The page's link for the file: the case server's download route, and the same bytes back.
      const messageWith = () => [...(thread()?.querySelectorAll('[part~=message]') ?? [])].find((m) => text(m.querySelector('[part~=message-body]')) === reply);
      await waitUntil(() => messageWith()?.querySelector('a[part~=attachment]'), 'the reply shows no file link', { timeout: 10_000 });
      const link = messageWith()!.querySelector<HTMLAnchorElement>('a[part~=attachment]')!;
      expect(text(link)).to.equal('invoice-2077.pdf');
      expect(new URL(link.href).origin, 'the link is the case server’s').to.equal(new URL(servers.connectors[connector]!).origin);
      const downloaded = await fetch(link.href);
      expect(downloaded.status).to.equal(200);
      expect([...new Uint8Array(await downloaded.arrayBuffer())], 'the download is the bytes sent').to.deep.equal([...bytes]);

      // Close with the first close status the portal offers (and a reason where it asks for one).
      await waitUntil(() => detail().querySelector<HTMLButtonElement>('[part~=action-close]:not([disabled])'), 'no close action', { timeout: 10_000 });
      detail().querySelector<HTMLButtonElement>('[part~=action-close]')!.click();
      await waitUntil(() => detail().querySelector<HTMLDialogElement>('dialog')?.open, 'no close dialog');
      let closedLabel = '';
      const statusSelect = detail().querySelector<HTMLSelectElement>('#f-status');
      if (statusSelect) {
        const option = [...statusSelect.options].find((o) => o.value)!;
        choose(statusSelect, option.value);
        closedLabel = text(option);
      }
      const reason = detail().querySelector<HTMLSelectElement>('#f-reason');
      if (reason && reason.options.length > 1) choose(reason, reason.options[1]!.value);
      detail().querySelector<HTMLButtonElement>('dialog [part~=dialog-submit]')!.click();
      const status = () => text(detail().querySelector('[part=status]'));
      await waitUntil(() => detail().querySelector('[part=status]') && !detail().querySelector<HTMLDialogElement>('dialog')?.open && (closedLabel ? status() === closedLabel : true), `not closed on the page: "${status()}"; the dialog says "${text(detail().querySelector('dialog'))}"`, { timeout: 15_000 });
      await vendorCaseWhen(connector, customer, target.id, (c) => c.done, 'the vendor does not have the case as done');
      // The other case is untouched.
      const other = (await vendorView(connector, customer)).cases.find((c) => c.id !== target.id)!;
      expect(other.done).to.equal(false);
    });
  });
}
