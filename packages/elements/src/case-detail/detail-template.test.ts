/** A details template the editor names but the page lacks is reported like every editor problem. */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../define/case-detail.js';
import type { CaseDetail } from './case-detail.js';
import type { CaseErrorEvent } from '../events.js';

describe('case-detail template="id" that is not on the page', () => {
  it('shows the built-in layout and reports it once (console + case-error)', async () => {
    const data = new MemoryAdapter({ storage: null });
    const c = await data.createCase({ subject: 'No layout', description: 'x', fields: { product: 'router-x200' } });
    const errors: CaseErrorEvent[] = [];
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    const el = document.createElement('case-detail') as CaseDetail;
    try {
      el.adapter = data;
      el.caseId = c.id;
      el.template = 'no-such-layout';
      el.addEventListener('case-error', (e) => errors.push(e));
      document.body.append(el);
      await waitUntil(() => el.shadowRoot!.querySelector('#title'), 'the built-in layout renders');
      el.requestUpdate();
      await el.updateComplete;
      expect(errors.map((e) => [e.detail.operation, e.detail.error.code])).to.deep.equal([['template', 'validation']]);
      expect(errors[0]!.detail.message).to.contain('no-such-layout');
      expect(warnings.filter((w) => w.includes('no-such-layout'))).to.have.length(1);
    } finally {
      console.warn = warn;
      el.remove();
    }
  });
});
