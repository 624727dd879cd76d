/**
 * Issue 13, defect 9, as the page meets it: a details template that nests a `case-*` element with
 * `api` (written by an editor, or reached by a value) sends nothing to that server; the editor is
 * told once.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseAdapter } from '@case-portal/core';
import '../define/case-detail.js';
import '../define/case-list.js';
import type { CaseDetail } from './case-detail.js';
import type { CaseErrorEvent } from '../events.js';
import { setDefaultAdapterFactory } from '../shared/defaults.js';

describe('case-detail template nesting a case-* element with api', () => {
  afterEach(() => setDefaultAdapterFactory(undefined));

  it('never makes an adapter for that api and reports the removed attribute', async () => {
    const asked: (string | undefined)[] = [];
    const fallback = new MemoryAdapter({ storage: null });
    setDefaultAdapterFactory((api) => (asked.push(api), fallback as CaseAdapter));
    const data = new MemoryAdapter({ storage: null });
    const c = await data.createCase({ subject: 'Layout', description: 'x', fields: { product: 'router-x200' } });
    const el = document.createElement('case-detail') as CaseDetail;
    const template = document.createElement('template');
    const h = document.createElement('h2');
    h.textContent = '{{subject}}';
    const nested = document.createElement('case-list');
    nested.setAttribute('api', 'https://other.example/api');
    nested.setAttribute('token-url', 'https://other.example/token');
    template.content.append(h, nested);
    el.append(template);
    const errors: CaseErrorEvent[] = [];
    el.addEventListener('case-error', (e) => errors.push(e));
    el.adapter = data;
    el.caseId = c.id;
    document.body.append(el);
    try {
      await waitUntil(() => el.shadowRoot!.querySelector('h2')?.textContent === 'Layout', 'the template did not render');
      const list = el.shadowRoot!.querySelector('case-list')!;
      expect(list.hasAttribute('api')).to.equal(false);
      await new Promise((r) => setTimeout(r, 100));
      expect(asked, 'an adapter was made for the template’s api').to.not.include('https://other.example/api');
      const reports = errors.filter((e) => e.detail.operation === 'template');
      expect(reports).to.have.length(1);
      expect(reports[0]!.detail.message).to.contain('api');
    } finally {
      el.remove();
    }
  });
});
