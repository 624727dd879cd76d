import { expect, fixture, html } from '@open-wc/testing';
import { render } from 'lit';
import { AdapterError, type CaseAdapter, type PortalSchema } from '@case-portal/core';
import { MemoryAdapter, demoSchema } from '@case-portal/adapter-memory';
import { CaseElement } from './case-element.js';
import { renderFailureBox, reportEditorProblems, retryHelps } from './failure.js';
import type { CaseErrorEvent } from '../events.js';

/** A bare case element that exposes the failure path. */
class FailureProbe extends CaseElement {
  text(e: unknown, operation: string): string {
    return this.failureText(e, operation);
  }
  box(e: unknown, operation: string, retry?: () => void) {
    return this.renderFailure(e, operation, retry);
  }
}
customElements.define('test-failure-probe', FailureProbe);

const schemaWith = (backendMessages: boolean): PortalSchema => ({
  ...demoSchema,
  features: { ...demoSchema.features, backendMessages },
});

async function probe(schema: PortalSchema): Promise<{ el: FailureProbe; errors: CaseErrorEvent[] }> {
  const adapter: CaseAdapter = new MemoryAdapter({ storage: null });
  const errors: CaseErrorEvent[] = [];
  const el = await fixture<FailureProbe>(
    html`<test-failure-probe .adapter=${adapter} .schema=${schema} locale="en-US"
      @case-error=${(e: CaseErrorEvent) => errors.push(e)}></test-failure-probe>`,
  );
  // failureText reads the schema from setup: wait until it is loaded.
  await (el as unknown as { setup: { taskComplete: Promise<unknown> } }).setup.taskComplete;
  return { el, errors };
}

describe('the failure path (CaseElement.failureText, renderFailure)', () => {
  it('shows the catalog text for the code and fires case-error once per failure', async () => {
    const { el, errors } = await probe(schemaWith(false));
    const failure = new AdapterError('server', { backendMessage: 'DB down' });
    expect(el.text(failure, 'getCase')).to.equal('Something went wrong on our side. Try again in a moment.');
    expect(el.text(failure, 'getCase')).to.equal('Something went wrong on our side. Try again in a moment.');
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.operation).to.equal('getCase');
    expect(errors[0]!.detail.error).to.equal(failure);
    // Another failure (even of the same kind) is reported again.
    el.text(new AdapterError('server'), 'getCase');
    expect(errors).to.have.length(2);
  });

  it("shows the backend's own message when the schema allows it", async () => {
    const { el, errors } = await probe(schemaWith(true));
    expect(el.text(new AdapterError('server', { backendMessage: 'Maintenance until 6pm.' }), 'list')).to.equal(
      'Maintenance until 6pm.',
    );
    expect(errors[0]!.detail.message).to.equal('Maintenance until 6pm.');
    // Without a backend message, the catalog's text.
    expect(el.text(new AdapterError('network'), 'list')).to.contain('can’t be reached');
  });

  it('renders the box with a retry, none for forbidden and not found, and reports once across renders', async () => {
    const { el, errors } = await probe(schemaWith(false));
    const host = document.createElement('div');
    let retried = 0;
    const failure = new AdapterError('network');
    render(el.box(failure, 'listMessages', () => retried++), host);
    render(el.box(failure, 'listMessages', () => retried++), host);
    const box = host.querySelector('[part="error"][role="alert"]')!;
    expect(box.textContent).to.contain('can’t be reached');
    box.querySelector<HTMLButtonElement>('button[part="retry"]')!.click();
    expect(retried).to.equal(1);
    expect(errors).to.have.length(1);
    render(el.box(new AdapterError('forbidden'), 'getCase', () => retried++), host);
    expect(host.querySelector('[part="error"] button')).to.equal(null);
    expect(retryHelps('not_found')).to.equal(false);
    expect(retryHelps('rate_limited')).to.equal(true);
  });

  it('keeps a section’s own part, or none', () => {
    const host = document.createElement('div');
    render(renderFailureBox('No history.', { retryLabel: 'Retry', part: 'history-error' }), host);
    expect(host.querySelector('[part="history-error"]')!.textContent).to.contain('No history.');
    render(renderFailureBox('No files.', { retryLabel: 'Retry', part: null }), host);
    expect(host.querySelector('.error')!.hasAttribute('part')).to.equal(false);
  });
});

describe('reportEditorProblems', () => {
  it('tells the console and fires case-error, once per problem and element', () => {
    const host = document.createElement('case-thing');
    const other = document.createElement('case-thing');
    const errors: CaseErrorEvent[] = [];
    const warnings: string[] = [];
    host.addEventListener('case-error', (e) => errors.push(e as CaseErrorEvent));
    other.addEventListener('case-error', (e) => errors.push(e as CaseErrorEvent));
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      reportEditorProblems(host, 'web-form', ['"nick" matches no case field']);
      reportEditorProblems(host, 'web-form', ['"nick" matches no case field']);
      reportEditorProblems(host, 'web-form', ['"nick" matches no case field', '"age" matches no case field']);
      reportEditorProblems(other, 'web-form', ['"nick" matches no case field']);
      reportEditorProblems(host, 'template', []);
    } finally {
      console.warn = warn;
    }
    expect(errors.map((e) => e.detail.message)).to.deep.equal([
      '"nick" matches no case field',
      '"age" matches no case field',
      '"nick" matches no case field',
    ]);
    expect(errors.every((e) => e.detail.operation === 'web-form' && e.detail.error.code === 'validation')).to.equal(true);
    expect(warnings[0]).to.equal('<case-thing> web form:\n"nick" matches no case field');
    expect(warnings).to.have.length(3);
  });
});
