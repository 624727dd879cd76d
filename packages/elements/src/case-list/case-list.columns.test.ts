import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../define/case-list.js';
import type { CaseList } from './case-list.js';
import type { CaseErrorEvent } from '../events.js';

describe('case-list columns', () => {
  it('reports an unknown column key once (console + case-error) and shows the known ones', async () => {
    const errors: CaseErrorEvent[] = [];
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      const el = await fixture<CaseList>(
        html`<case-list
          .adapter=${new MemoryAdapter({ storage: null })}
          locale="en-US"
          columns="number,subjekt,status"
          @case-error=${(e: CaseErrorEvent) => errors.push(e)}
        ></case-list>`,
      );
      await waitUntil(() => el.shadowRoot!.querySelector('[part="results"]')?.getAttribute('aria-busy') === 'false');
      // Another render (a new locale rebuilds the columns) does not report it again.
      el.locale = 'en-GB';
      await el.updateComplete;
      expect(errors).to.have.length(1);
      expect(errors[0]!.detail.operation).to.equal('columns');
      expect(errors[0]!.detail.error.code).to.equal('validation');
      expect(errors[0]!.detail.message).to.contain('"subjekt"');
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.contain('<case-list> columns').and.to.contain('"subjekt"');
      const headers = [...el.shadowRoot!.querySelectorAll('th[part~="header"]')].map((th) => th.getAttribute('part'));
      expect(headers.some((p) => p?.includes('header-number'))).to.equal(true);
      expect(headers.some((p) => p?.includes('subjekt'))).to.equal(false);
    } finally {
      console.warn = warn;
    }
  });
});
