/**
 * Issue 12, defect 4: one bad value from a backend blanked a screen. A viewer whose `timeZone` is
 * not an IANA name left the case on "Loading…" for good (Intl throws in render). Now the adapter
 * checks such values where they enter, uses a safe fallback and reports each once (console +
 * `case-error`, operation backend-data); the customer sees the case.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { http, HttpResponse } from 'msw';
import '@case-portal/elements/define/case-portal.js';
import type { CasePortal, CaseErrorEvent } from '@case-portal/elements';
import { waitFor } from '../../packages/elements/src/testing/index.js';
import { deepQuery } from '../dom.js';
import { BASE, backend, now, openGates, startWorker, stopWorker } from './support.js';

before(async function () {
  this.timeout(20_000);
  await startWorker();
});
afterEach(openGates);
after(stopWorker);

/** Records console.warn while a test runs. */
function recordWarnings(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => lines.push(args.map(String).join(' '));
  return { lines, restore: () => (console.warn = warn) };
}

describe('values from the backend that Intl cannot use', () => {
  it('opens the case for a viewer whose time zone is not one, and reports it once', async function () {
    this.timeout(10_000);
    const b = backend();
    const viewer = await b.data.viewer();
    const target = (await b.data.listCases({ sort: { key: 'updatedAt', dir: 'desc' }, limit: 1 })).items[0]!;
    b.use(http.get(`${BASE}/me`, () => HttpResponse.json({ ...viewer, timeZone: 'Mars/Olympus' })));
    const warnings = recordWarnings();
    const errors: CaseErrorEvent[] = [];
    try {
      const el = await fixture<CasePortal>(
        html`<case-portal .adapter=${b.rest()} .now=${now} locale="en-US" @case-error=${(e: CaseErrorEvent) => errors.push(e)}></case-portal>`,
      );
      const list = await waitFor(() => deepQuery(el.shadowRoot!, 'case-list')?.shadowRoot?.querySelector('tbody tr [part~="open"]'), 'the list');
      expect(list.closest('tr')!.textContent, 'dates in the list, in the browser’s zone').to.match(/\d{4}/);
      el.go({ view: 'detail', caseId: target.id });
      const detail = await waitFor(() => deepQuery(el.shadowRoot!, 'case-detail')?.shadowRoot?.querySelector('#title') && deepQuery(el.shadowRoot!, 'case-detail')!.shadowRoot!, 'the case, not "Loading…"');
      expect(detail.querySelector('#title')!.textContent).to.equal(target.subject);
      expect(detail.querySelector('time')!.textContent, 'its dates are shown').to.match(/\d/);
      await waitFor(() => deepQuery(el.shadowRoot!, 'case-thread')?.shadowRoot?.querySelector('[part~="list"]'), 'the conversation');

      const reported = errors.filter((e) => e.detail.operation === 'backend-data');
      expect(reported, 'one case-error for the page').to.have.length(1);
      expect(reported[0]!.detail.error.code).to.equal('server');
      expect(reported[0]!.detail.message).to.contain('viewer.timeZone: "Mars/Olympus" is not an IANA time zone');
      expect(warnings.lines.filter((l) => l.includes('Mars/Olympus')), 'one console report').to.have.length(1);
      expect(el.shadowRoot!.textContent, 'nothing of it shown to the customer').to.not.contain('Mars/Olympus');
      el.remove();
    } finally {
      warnings.restore();
      b.api.dispose();
    }
  });

  it('shows a case and its conversation whose dates and file links are not what they should be', async function () {
    this.timeout(10_000);
    const b = backend();
    const target = (await b.data.listCases({ sort: { key: 'updatedAt', dir: 'desc' }, limit: 1 })).items[0]!;
    const page = await b.data.listMessages(target.id);
    const broken = page.items.map((m, i) =>
      i === page.items.length - 1 ? { ...m, createdAt: 'a while ago', attachments: [{ id: 'f1', name: 'log.txt', size: 3, type: 'text/plain', url: 42 }] } : m,
    );
    b.use(
      http.get(`${BASE}/cases/:id`, () => HttpResponse.json({ ...target, createdAt: 'yesterday', sla: { response: { dueAt: 'soon' } } })),
      http.get(`${BASE}/cases/:id/messages`, () => HttpResponse.json({ ...page, items: broken })),
    );
    const warnings = recordWarnings();
    const errors: CaseErrorEvent[] = [];
    try {
      const el = await fixture<CasePortal>(
        html`<case-portal .adapter=${b.rest()} .now=${now} locale="en-US" @case-error=${(e: CaseErrorEvent) => errors.push(e)}></case-portal>`,
      );
      el.go({ view: 'detail', caseId: target.id });
      await waitFor(() => deepQuery(el.shadowRoot!, 'case-detail')?.shadowRoot?.querySelector('#title'), 'the case');
      const thread = await waitFor(() => deepQuery(el.shadowRoot!, 'case-thread')?.shadowRoot?.querySelector('[part~="list"]'), 'the conversation');
      const last = [...thread.querySelectorAll('li')].at(-1)!;
      expect(last.textContent).to.contain('log.txt (not available)');
      const paths = errors.filter((e) => e.detail.operation === 'backend-data').map((e) => e.detail.message.split(':')[0] ?? '');
      expect(paths).to.include.members([`case "${target.id}".createdAt`, `case "${target.id}".sla.response.dueAt`]);
      expect(paths.some((p) => p.endsWith('.createdAt') && p.startsWith('message'))).to.equal(true);
      el.remove();
    } finally {
      warnings.restore();
      b.api.dispose();
    }
  });
});
