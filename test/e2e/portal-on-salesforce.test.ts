/**
 * The whole portal on the Salesforce connector with a file: the case server runs on the connector
 * over the strict fake Salesforce (packages/server/test/support/connector-test-servers.ts); the
 * page signs in through the host site's token endpoint. List → open → reply with a file → close,
 * each step checked on the page and in the fake's data: the file reaches Salesforce byte for byte
 * (a ContentVersion on the Case, shared with portal users) and downloads back through the link the
 * page shows, which is the case server's, never Salesforce's.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '@case-portal/elements/bundle.js';
import { pickFiles } from '../../packages/elements/src/testing/index.js';
import { deepQuery as deep } from '../dom.js';
import { caseServers, seedVendor, vendorView, type SeedCustomer, type VendorCase } from '../servers/case-server-client.js';

const servers = await caseServers();

// A test file may run in a background tab, where the portal rightly makes no live traffic.
before(() => Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' }));
after(() => delete (document as { visibilityState?: DocumentVisibilityState }).visibilityState);

const text = (n: Node | null | undefined) => n?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

async function sha256(bytes: ArrayBuffer): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function vendorCaseWhen(customer: SeedCustomer, id: string, ok: (c: VendorCase) => boolean, what: string): Promise<VendorCase> {
  let last: VendorCase | undefined;
  await waitUntil(
    async () => {
      last = (await vendorView('salesforce', customer)).cases.find((c) => c.id === id);
      return !!last && ok(last);
    },
    `${what}; Salesforce has: ${JSON.stringify(last)?.slice(0, 500)}`,
    { timeout: 10_000, interval: 200 },
  );
  return last!;
}

describe('the portal on the Salesforce connector, with a file', () => {
  let portal: HTMLElement;
  afterEach(() => portal?.remove());

  it('lists the customer’s Cases → opens one → replies with a file → downloads it → closes it', async function () {
    this.timeout(60_000);
    const api = servers.connectors.salesforce!;
    expect(api, 'the harness runs the Salesforce connector').to.be.a('string');
    const run = `sf-file-${Date.now().toString(36)}`;
    const customer: SeedCustomer = { sub: `e2e-${run}`, name: 'Robin Vale', email: `robin-${run}@example.com`, org: `e2e-org-${run}` };
    const seeded = await seedVendor('salesforce', customer);

    await fetch(`/__case-server/signin?${new URLSearchParams({ ...customer })}`);
    portal = document.createElement('case-portal');
    portal.setAttribute('api', api);
    portal.setAttribute('token-url', '/__case-server/portal-token');
    document.body.append(portal);
    const root = portal.shadowRoot!;
    await waitUntil(() => text(root).includes('Robin Vale'), 'not signed in through token-url', { timeout: 15_000 });

    // List: both Cases, by CaseNumber and Subject.
    const list = () => deep(root, 'case-list')?.shadowRoot;
    const rowOf = (c: VendorCase) => [...(list()?.querySelectorAll<HTMLTableRowElement>('tbody tr[part~=row]') ?? [])].find((r) => r.dataset.id === c.id);
    await waitUntil(() => seeded.cases.every((c) => rowOf(c)), 'the seeded Cases are not all listed', { timeout: 15_000 });
    for (const c of seeded.cases) expect(text(rowOf(c))).to.include(c.subject).and.to.include(c.number);

    // Open the answered one: the agent's published comment is shown.
    const target = seeded.cases.find((c) => c.messages.length > 1)!;
    rowOf(target)!.querySelector<HTMLElement>('[part~=open]')!.click();
    const detail = () => deep(root, 'case-detail')!.shadowRoot!;
    await waitUntil(() => text(deep(root, 'case-detail')?.shadowRoot?.querySelector('#title')) === target.subject, 'the case view did not open', { timeout: 15_000 });
    const thread = () => deep(root, 'case-thread')?.shadowRoot;
    const bodies = () => [...(thread()?.querySelectorAll('[part~=message-body]') ?? [])].map(text);
    await waitUntil(() => bodies().includes(target.messages[1]!.body), `the agent's answer is not shown: ${JSON.stringify(bodies())}`, { timeout: 15_000 });

    // Reply with a file: uploaded to the case server first, then sent to Salesforce with the reply.
    await waitUntil(() => thread()?.querySelector('[part~=composer-input]'), 'no composer', { timeout: 10_000 });
    const log = new File([`uplink lost at 02:00 (${run})\n`.repeat(300)], 'router.log', { type: 'text/plain' });
    pickFiles(thread()!.querySelector<HTMLInputElement>('input[type=file]')!, [log]);
    await waitUntil(() => /router\.log [\d.]+ kB Ready/.test(text(thread())), `the file did not upload: ${text(thread()?.querySelector('[part~=attachment-picker]'))}`, { timeout: 15_000 });
    const reply = `The router log from last night (${run}).`;
    thread()!.querySelector<HTMLElement>('[part~=composer-input]')!.focus();
    await sendKeys({ type: reply });
    thread()!.querySelector<HTMLButtonElement>('[part~=send-button]')!.click();
    await waitUntil(() => bodies().includes(reply), 'the reply is not shown', { timeout: 15_000 });

    // In Salesforce: the reply as a published comment of the portal's user, the file on the Case, byte for byte.
    const expected = await sha256(await log.arrayBuffer());
    const kept = await vendorCaseWhen(customer, target.id, (c) => c.messages.at(-1)?.body === reply && c.messages[0]!.files.some((f) => f.name === 'router.log'), 'the reply and its file did not reach Salesforce');
    expect(kept.messages.at(-1)!.byCustomer).to.equal(true);
    const sent = kept.messages[0]!.files.find((f) => f.name === 'router.log')!;
    expect(sent.size).to.equal(log.size);
    expect(sent.sha256).to.equal(expected);

    // The page links the file under the reply; the link is the case server's, and gives the same bytes.
    const link = () => [...(thread()?.querySelectorAll<HTMLAnchorElement>('[part~=attachments] a') ?? [])].find((a) => text(a).includes('router.log'));
    await waitUntil(() => link(), 'the reply shows no link to its file', { timeout: 15_000 });
    const href = link()!.href;
    expect(href.startsWith(`${api}/attachments/`), href).to.equal(true);
    const download = await fetch(href);
    expect(download.status).to.equal(200);
    expect(await sha256(await download.arrayBuffer())).to.equal(expected);

    // Close as the first closed status the org has; Salesforce has the Case closed, the other Case untouched.
    await waitUntil(() => detail().querySelector<HTMLButtonElement>('[part~=action-close]:not([disabled])'), 'no close action', { timeout: 10_000 });
    detail().querySelector<HTMLButtonElement>('[part~=action-close]')!.click();
    await waitUntil(() => detail().querySelector<HTMLDialogElement>('dialog')?.open, 'no close dialog');
    const statusSelect = detail().querySelector<HTMLSelectElement>('#f-status');
    let closedLabel = 'Closed';
    if (statusSelect) {
      const option = [...statusSelect.options].find((o) => o.value)!;
      statusSelect.value = option.value;
      statusSelect.dispatchEvent(new Event('change', { bubbles: true }));
      closedLabel = text(option);
    }
    detail().querySelector<HTMLButtonElement>('dialog [part~=dialog-submit]')!.click();
    await waitUntil(() => text(detail().querySelector('[part=status]')) === closedLabel && !detail().querySelector<HTMLDialogElement>('dialog')?.open, `not closed on the page: "${text(detail().querySelector('[part=status]'))}"`, { timeout: 15_000 });
    const closed = await vendorCaseWhen(customer, target.id, (c) => c.done, 'Salesforce does not have the Case closed');
    expect(closed.vendorStatus).to.equal('Closed');
    const other = (await vendorView('salesforce', customer)).cases.find((c) => c.id !== target.id)!;
    expect(other.done).to.equal(false);
  });
});
