/**
 * Issue 13, defect 8, as a viewer meets it: a case whose subject holds a URL of another site, in a
 * list template with `<img src="{{subject}}">`, makes the viewer's browser fetch nothing; the
 * editor hears of it once (console + case-error), and `resource-origins` allows a CDN of theirs.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { MemoryAdapter } from '@case-portal/adapter-memory';
import '../define/case-list.js';
import type { CaseList } from './case-list.js';
import { listSettled } from '../testing/index.js';
import type { CaseErrorEvent } from '../events.js';

const NOW = new Date('2024-06-11T12:00:00Z');

async function listWith(subjects: string[], attrs: Record<string, string> = {}, config?: object) {
  const adapter = new MemoryAdapter({ storage: null, now: () => NOW, caseCount: 0 });
  for (const subject of subjects) await adapter.createCase({ subject, description: 'x', fields: { product: 'router-x200' } });
  const el = document.createElement('case-list') as CaseList;
  el.adapter = adapter;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  const template = document.createElement('template');
  const img = document.createElement('img');
  img.setAttribute('src', '{{subject}}');
  img.setAttribute('alt', '');
  const p = document.createElement('p');
  p.textContent = '{{number}}';
  template.content.append(p, img);
  el.append(template);
  if (config) {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = JSON.stringify(config);
    el.append(script);
  }
  const errors: CaseErrorEvent[] = [];
  el.addEventListener('case-error', (e) => errors.push(e));
  document.body.append(el);
  await listSettled(el);
  await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~=card] img').length === subjects.length, 'no cards');
  return { el, errors, imgs: () => [...el.shadowRoot!.querySelectorAll<HTMLImageElement>('[part~=card] img')] };
}

describe('<case-list> template: resource URLs from case data', () => {
  afterEach(() => document.querySelectorAll('case-list').forEach((e) => e.remove()));

  it('fetches no other site’s URL from a subject, and reports it once to the editor', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (...a: unknown[]) => warnings.push(a.join(' '));
    try {
      const { imgs, errors } = await listWith(['https://example.com/track.png?u=1', 'https://example.com/track.png?u=2']);
      expect(imgs().map((i) => i.getAttribute('src'))).to.deep.equal([null, null]);
      const reports = errors.filter((e) => e.detail.operation === 'template');
      expect(reports.length, 'reported once').to.equal(1);
      expect(reports[0]!.detail.message).to.contain('resource-origins');
      expect(reports[0]!.detail.message).to.contain('<img src>');
      expect(warnings.filter((w) => w.includes('resource-origins')).length).to.equal(1);
    } finally {
      console.warn = warn;
    }
  });

  it('takes this site’s URLs and the origins listed in resource-origins (on the element or an ancestor)', async () => {
    const { imgs } = await listWith(['/favicon.ico', 'https://cdn.example/a.png', 'https://other.example/b.png'], {
      'resource-origins': 'https://cdn.example',
    });
    expect(imgs().map((i) => i.getAttribute('src'))).to.have.members(['/favicon.ico', 'https://cdn.example/a.png', null]);
    document.body.setAttribute('resource-origins', 'https://other.example');
    try {
      const second = await listWith(['https://other.example/b.png']);
      expect(second.imgs()[0]!.getAttribute('src')).to.equal('https://other.example/b.png');
    } finally {
      document.body.removeAttribute('resource-origins');
    }
  });

  it('takes resource-origins from an editor\'s JSON configuration too', async () => {
    const { imgs } = await listWith(['https://cdn.example/a.png', 'https://other.example/b.png'], {}, { 'resource-origins': 'https://cdn.example' });
    expect(imgs().map((i) => i.getAttribute('src'))).to.have.members(['https://cdn.example/a.png', null]);
  });
});
