import { expect, fixture, fixtureCleanup, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '@case-portal/elements/define/case-portal.js';
import type { CasePortal } from '@case-portal/elements';
import { deepQuery as deep, insideShadow as inside } from './dom.js';

/**
 * The foundation's whole path, as a customer walks it: create a case, open it, reply, close it,
 * then "reload" (a new adapter on the same browser storage) and find it all still there.
 */

async function typeInto(target: HTMLElement, text: string): Promise<void> {
  target.focus();
  await sendKeys({ type: text });
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('portal end to end (memory backend, persisted)', () => {
  const storageKey = `case-portal:e2e:${Date.now()}`;
  after(() => localStorage.removeItem(storageKey));

  it('creates, opens, replies to and closes a case, and keeps it across a reload', async function () {
    this.timeout(20_000);
    const el = await fixture<CasePortal>(html`<case-portal .adapter=${new MemoryAdapter({ storageKey })}></case-portal>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelector('[part~=nav-create]'), 'portal bar', { timeout: 5000 });

    // Create
    root.querySelector<HTMLButtonElement>('[part~=nav-create]')!.click();
    await waitUntil(() => inside(root, 'case-create', 'input[name=subject]'), 'create form', { timeout: 5000 });
    await typeInto(inside(root, 'case-create', 'input[name=subject]')!, 'Label printer jams on every third label');
    await typeInto(inside(root, 'case-create', 'textarea[name=description]')!, 'Model LP-40, since Monday.');
    choose(inside<HTMLSelectElement>(root, 'case-create', '[part~=field-product] select')!, 'router-x200');
    inside<HTMLButtonElement>(root, 'case-create', '[part~=submit]')!.click();
    await waitUntil(() => inside(root, 'case-create', '[part~=confirmation]'), 'confirmation', { timeout: 5000 });
    const confirmation = inside(root, 'case-create', '[part~=confirmation]')!.textContent!;
    const number = /\d{6,}/.exec(confirmation)?.[0];
    expect(number, 'the confirmation shows the new case number').to.be.a('string');

    // Open it from the confirmation
    inside<HTMLButtonElement>(root, 'case-create', '[part~=open-button]')!.click();
    await waitUntil(() => inside(root, 'case-detail', '#title')?.textContent === 'Label printer jams on every third label', 'detail', {
      timeout: 5000,
    });

    // Reply
    await waitUntil(() => inside(root, 'case-thread', '[part~=composer-input]'), 'composer', { timeout: 5000 });
    await typeInto(inside(root, 'case-thread', '[part~=composer-input]')!, 'Photo of the jam attached next time.');
    inside<HTMLButtonElement>(root, 'case-thread', '[part~=send-button]')!.click();
    await waitUntil(
      () => [...(deep(root, 'case-thread')!.shadowRoot!.querySelectorAll('[part~=message-body]'))].some((b) => b.textContent!.includes('Photo of the jam')),
      'reply shown',
      { timeout: 5000 },
    );

    // Close as "Closed" with a reason
    inside<HTMLButtonElement>(root, 'case-detail', '[part~=action-close]')!.click();
    await waitUntil(() => inside<HTMLDialogElement>(root, 'case-detail', 'dialog')?.open, 'close dialog');
    choose(inside<HTMLSelectElement>(root, 'case-detail', '#f-status')!, 'closed');
    const reason = inside<HTMLSelectElement>(root, 'case-detail', '#f-reason')!;
    choose(reason, reason.options[1]!.value);
    inside<HTMLButtonElement>(root, 'case-detail', 'dialog button[type=submit]')!.click();
    await waitUntil(() => inside(root, 'case-detail', '[part=status]')?.textContent === 'Closed', 'closed', { timeout: 5000 });

    // "Reload": a new page would build a new adapter on the same storage.
    fixtureCleanup();
    const again = await fixture<CasePortal>(html`<case-portal .adapter=${new MemoryAdapter({ storageKey })}></case-portal>`);
    const root2 = again.shadowRoot!;
    await waitUntil(() => inside(root2, 'case-list', 'tbody tr'), 'list after reload', { timeout: 5000 });
    const row = [...deep(root2, 'case-list')!.shadowRoot!.querySelectorAll('tbody tr')].find((r) => r.textContent!.includes(number!));
    expect(row, 'the created case is listed after the reload').to.exist;
    expect(row!.querySelector('[part~=status]')!.textContent).to.equal('Closed');
    row!.querySelector<HTMLButtonElement>('[part~=open]')!.click();
    await waitUntil(
      () =>
        [...(deep(root2, 'case-thread')?.shadowRoot?.querySelectorAll('[part~=message-body]') ?? [])].some((b) =>
          b.textContent!.includes('Photo of the jam'),
        ),
      'reply kept after reload',
      { timeout: 5000 },
    );
  });
});
