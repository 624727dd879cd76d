import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

type Found = { rule: string | null; line: number; message: string }[];
const lint = (filePath: string, code: string) => executeServerCommand<Found, { filePath: string; code: string }>('lint', { filePath, code });
const rules = (found: Found) => found.map((f) => `${f.line}:${f.rule}`);

/** The architecture rules of eslint.config.js (docs/architecture.md, "Registration"), on deliberate violations. */
describe('lint: the shape of the code', function () {
  this.timeout(30_000);

  // ESLint's first run loads the TypeScript resolver's project: on a loaded machine that alone
  // outlasts a server command's 20 s. Warm it once (a timed-out call still warms the server).
  before(async function () {
    this.timeout(90_000);
    for (let i = 0; i < 3; i++) {
      try {
        // With imports: the resolver (and its TypeScript project) is what takes the time.
        await lint('packages/elements/src/shared/warm.ts', "import { CaseElement } from './case-element.js';\nimport { en } from '../i18n/en.js';\nexport const warm = [CaseElement, en];\n");
        return;
      } catch {
        // still starting: ask again
      }
    }
  });

  it('an element folder may not import another element, define/ or an adapter', async () => {
    const found = await lint(
      'packages/elements/src/case-portal/violation.ts',
      [
        "import { warmThreadTemplates } from '../case-thread/warm-up.js';",
        "import { MemoryAdapter } from '@case-portal/adapter-memory';",
        "export { CaseList } from '../case-list/case-list.js';",
        "export const load = () => import('../define/all.js');",
        'export const all = [warmThreadTemplates, MemoryAdapter];',
      ].join('\n'),
    );
    expect(rules(found)).to.include.members(['1:no-restricted-syntax', '2:no-restricted-imports', '3:no-restricted-syntax', '4:no-restricted-syntax']);
  });

  it('shared code may not import an element either', async () => {
    const found = await lint('packages/elements/src/shared/attachments/violation.ts', "export { CaseThread } from '../../case-thread/case-thread.js';\n");
    expect(rules(found)).to.deep.equal(['1:no-restricted-syntax']);
  });

  it('the imports the rules allow stay quiet: shared code, i18n, events, and adapters in bundle.ts and tests', async () => {
    expect(
      await lint(
        'packages/elements/src/case-portal/allowed.ts',
        "import { CaseElement } from '../shared/case-element.js';\nimport { CaseErrorEvent } from '../events.js';\nexport const all = [CaseElement, CaseErrorEvent];\n",
      ),
    ).to.deep.equal([]);
    expect(await lint('packages/elements/src/bundle.ts', "import { MemoryAdapter } from '@case-portal/adapter-memory';\nexport { MemoryAdapter };\n")).to.deep.equal([]);
    expect(
      await lint('packages/elements/src/case-list/x.test.ts', "import { MemoryAdapter } from '@case-portal/adapter-memory';\nexport { MemoryAdapter };\n"),
    ).to.deep.equal([]);
  });

  it('an import cycle is an error', async () => {
    // i18n/en.ts imports en/list.ts; this version of en/list.ts imports en.ts back.
    const found = await lint(
      'packages/elements/src/i18n/en/list.ts',
      "import { en } from '../en.js';\nexport const list = { 'list.x': 'x' };\nexport const again = en;\n",
    );
    expect(rules(found)).to.include('1:import-x/no-cycle');
  });

  it('an element template may not write its own words: text between tags, aria-label, title, placeholder', async () => {
    const found = await lint(
      'packages/elements/src/case-list/violation.ts',
      [
        "import { html } from 'lit';",
        'export const view = (n: string, t: (k: string) => string) => html`<p>Hello ${n}</p>',
        '  <button aria-label="Close dialog" title=${t(\'x\')}>×</button>',
        "  <input placeholder='Search cases' />",
        '  <span title="Ausgewählt">${t(\'ok\')}</span>`;',
      ].join('\n'),
    );
    expect(found.filter((f) => f.rule === 'case-portal/no-literal-ui-text').map((f) => f.line)).to.deep.equal([2, 3, 4, 5]);
  });

  it('catalog text, bindings, symbols, entities, comments and styles stay quiet; tests may write words', async () => {
    const code = [
      "import { html } from 'lit';",
      'export const view = (t: (k: string) => string, n: number) => html`<style>.a { color: red }</style>',
      '  <!-- the list: rows come from the backend -->',
      "  <p aria-label=${t('list.label')}>${t('list.empty')} ${n} × ↓ * &nbsp; (${n})</p>",
      '  <span title="${t(\'x\')}">${n}: ${n}</span>`;',
    ].join('\n');
    expect(rules(await lint('packages/elements/src/case-list/allowed.ts', code))).to.deep.equal([]);
    const inTest = "import { html } from 'lit';\nexport const view = html`<p>Hello</p>`;\n";
    expect(rules(await lint('packages/elements/src/case-list/x.test.ts', inTest))).to.deep.equal([]);
  });
});
