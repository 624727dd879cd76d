/**
 * The thread's smaller parts alone on a bare ReactiveElement host: the case its policy runs on
 * (ThreadCase), the reply's files (ReplyFiles), the complaint offer, the composer's events and
 * ProgressiveRender's "rendered yet?".
 */
import { expect, waitUntil } from '@open-wc/testing';
import { ReactiveElement, render } from 'lit';
import { AdapterError, type CaseAdapter, type CaseRecord } from '@case-portal/core';
import { createI18n } from '../i18n/i18n.js';
import type { PortalSetup } from '../shared/case-element.js';
import { ThreadCase } from './thread-case.js';
import { ReplyFiles } from './reply-files.js';
import { ComplaintOffer } from './complaint-offer.js';
import { composerEvents, renderDraftText } from './composer-view.js';
import { ProgressiveRender } from './progressive.js';
import type { OutgoingKind } from './messages.js';
import { CountingHost, defineHost, failingAdapter, place, removePlaced, wrapAdapter } from '../testing/index.js';
import { CLOSED_CASE, OPEN_CASE, memory, now } from '../testing/case-thread.js';

const i18n = createI18n('en-US');

afterEach(removePlaced);

async function setupOf(adapter: CaseAdapter): Promise<PortalSetup> {
  return { adapter, schema: await adapter.describe(), viewer: await adapter.viewer() };
}

/** An adapter that counts its getCase calls. */
function countingGetCase(base: CaseAdapter): { adapter: CaseAdapter; calls: string[] } {
  const calls: string[] = [];
  const adapter = wrapAdapter(base, {
    getCase: (id, opts) => {
      calls.push(id);
      return base.getCase(id, opts);
    },
  });
  return { adapter, calls };
}

describe('ThreadCase', () => {
  class CaseHost extends ReactiveElement {
    setup?: PortalSetup;
    caseId?: string;
    given?: CaseRecord;
    readonly case = new ThreadCase(this, {
      setup: () => this.setup,
      caseId: () => this.caseId,
      given: () => this.given,
      now,
    });
  }
  defineHost(CaseHost);

  async function caseHost(adapter: CaseAdapter, caseId: string, given?: CaseRecord): Promise<CaseHost> {
    const host = new CaseHost();
    host.setup = await setupOf(adapter);
    host.caseId = caseId;
    host.given = given;
    return place(host);
  }

  it('loads the case when none is given, and knows what the viewer may do on it', async () => {
    const { adapter, calls } = countingGetCase(memory());
    const host = await caseHost(adapter, OPEN_CASE);
    expect(host.case.actions()).to.equal(undefined);
    await waitUntil(() => host.case.record, 'the case loads');
    expect(host.case.record!.id).to.equal(OPEN_CASE);
    expect(calls).to.deep.equal([OPEN_CASE]);
    expect(host.case.actions()!.reply.allowed).to.equal(true);
  });

  it('uses a given record of the same case without a request, and ignores one of another case', async () => {
    const base = memory();
    const closed = await base.getCase(CLOSED_CASE);
    const { adapter, calls } = countingGetCase(base);
    const host = await caseHost(adapter, CLOSED_CASE, closed);
    await host.updateComplete;
    expect(host.case.record).to.equal(closed);
    expect(host.case.actions()!.reply.allowed).to.equal(false);
    host.caseId = OPEN_CASE;
    host.requestUpdate();
    await waitUntil(() => host.case.record?.id === OPEN_CASE, 'the other case loads');
    expect(calls).to.deep.equal([OPEN_CASE]);
  });

  it('reloads on a backend change only the case it loaded itself', async () => {
    const base = memory();
    const { adapter, calls } = countingGetCase(base);
    const host = await caseHost(adapter, OPEN_CASE);
    await waitUntil(() => host.case.record, 'the case loads');
    host.case.changed();
    await waitUntil(() => calls.length === 2, 'reloaded');
    host.given = await base.getCase(OPEN_CASE);
    host.requestUpdate();
    await host.updateComplete;
    host.case.changed();
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).to.have.length(2);
  });

  it('reports a failed load (and no record), and loads again on reload', async () => {
    const { adapter } = failingAdapter(memory(), 'getCase', { code: 'network', times: 1 });
    const host = await caseHost(adapter, OPEN_CASE);
    await waitUntil(() => host.case.failure, 'the load fails');
    expect(host.case.failure).to.be.instanceOf(AdapterError);
    expect(host.case.record).to.equal(undefined);
    host.case.reload();
    await waitUntil(() => host.case.record, 'the retry loads');
    expect(host.case.failure).to.equal(undefined);
  });
});

describe('ReplyFiles', () => {
  class FilesHost extends ReactiveElement {
    setup?: PortalSetup;
    enabled = true;
    changes = 0;
    picks = 0;
    announced: string[] = [];
    readonly files = new ReplyFiles(this, {
      setup: () => this.setup,
      uploadDeps: (setup) => ({ adapter: setup.adapter, limits: setup.schema.limits, i18n, report: () => 'failed' }),
      enabled: () => this.enabled,
      changed: () => this.changes++,
      picked: () => this.picks++,
      announce: (text) => this.announced.push(text),
      t: (key, params) => i18n.t(key, params),
    });
  }
  defineHost(FilesHost);

  async function filesHost(): Promise<FilesHost> {
    const host = new FilesHost();
    host.setup = await setupOf(memory());
    return place(host);
  }
  const file = (name: string, type: string) => new File(['x'], name, { type });

  it('says how many picked files were added and refused, and the list is saved', async () => {
    const host = await filesHost();
    host.files.pick([file('a.txt', 'text/plain'), file('b.txt', 'text/plain'), file('page.html', 'text/html')]);
    expect(host.files.queue.items.map((f) => f.state)).to.deep.equal(['uploading', 'uploading', 'refused']);
    expect(host.announced).to.deep.equal(['2 files added. 1 file can’t be attached.']);
    expect(host.picks).to.equal(1);
    expect(host.changes).to.be.greaterThan(0);
    await waitUntil(() => host.files.queue.uploaded.length === 2, 'the accepted files upload');
    host.files.pick([]);
    expect(host.picks).to.equal(1);
  });

  it('takes dropped files only while enabled', async () => {
    const host = await filesHost();
    const drop = (): DragEvent => {
      const dataTransfer = new DataTransfer();
      dataTransfer.items.add(file('a.txt', 'text/plain'));
      return new DragEvent('drop', { dataTransfer, cancelable: true });
    };
    host.enabled = false;
    host.files.drop.onDrop(drop());
    expect(host.files.queue.items).to.have.length(0);
    host.enabled = true;
    host.files.drop.onDrop(drop());
    expect(host.files.queue.items).to.have.length(1);
  });

  it('gives the picker nothing when the schema takes no attachments, else handlers on its queue', async () => {
    const host = await filesHost();
    const setup = host.setup!;
    expect(host.files.view({ ...setup, schema: { ...setup.schema, features: { ...setup.schema.features, attachments: false } } })).to.equal(
      undefined,
    );
    const view = host.files.view(setup)!;
    expect(view.queue).to.equal(host.files.queue);
    view.onPick([file('page.html', 'text/html')]);
    expect(host.files.queue.items).to.have.length(1);
    view.onRemove(host.files.queue.items[0]!.id);
    expect(host.files.queue.items).to.have.length(0);
  });
});

describe('ComplaintOffer', () => {
  class ComplaintHost extends CountingHost {
    cleared = 0;
    focused: string[] = [];
    readonly complaint = new ComplaintOffer(this, {
      clearError: () => this.cleared++,
      focus: (target) => this.focused.push(target),
    });
  }
  defineHost(ComplaintHost);

  it('opens into the textarea, hides back to the toggle clearing the error, and thanks once sent', async () => {
    const host = place(new ComplaintHost());
    await host.updateComplete;
    const before = host.updates;
    host.complaint.show();
    expect(host.complaint).to.include({ open: true, sent: false });
    expect(host.focused).to.deep.equal(['input']);
    await host.updateComplete;
    expect(host.updates).to.equal(before + 1);
    host.complaint.hide();
    expect(host.complaint.open).to.equal(false);
    expect(host.cleared).to.equal(1);
    expect(host.focused).to.deep.equal(['input', 'toggle']);
    host.complaint.show();
    host.complaint.delivered();
    expect(host.complaint).to.include({ open: false, sent: true });
    host.complaint.show();
    expect(host.complaint.sent).to.equal(false);
  });

  it('reopens for a stored draft with text, and forgets everything for another case', () => {
    const host = place(new ComplaintHost());
    host.complaint.restored('');
    expect(host.complaint.open).to.equal(false);
    host.complaint.restored('It took a week');
    expect(host.complaint.open).to.equal(true);
    host.complaint.delivered();
    host.complaint.reset();
    expect(host.complaint).to.include({ open: false, sent: false });
  });
});

describe('composerEvents', () => {
  function recorder() {
    const calls: string[] = [];
    const outbox = {
      input: (kind: OutgoingKind, body: string) => void calls.push(`input ${kind} ${body}`),
      send: async (kind: OutgoingKind) => void calls.push(`send ${kind}`),
    };
    return { calls, outbox };
  }

  it('keeps what is typed, sends on submit and on Ctrl/Cmd+Enter only', () => {
    const { calls, outbox } = recorder();
    const events = composerEvents(outbox, 'complaint');
    const textarea = Object.assign(document.createElement('textarea'), { value: 'Hello' });
    textarea.addEventListener('input', events.onInput);
    textarea.dispatchEvent(new Event('input'));
    const submit = new Event('submit', { cancelable: true });
    events.onSubmit(submit);
    expect(submit.defaultPrevented).to.equal(true);
    events.onKeydown(new KeyboardEvent('keydown', { key: 'Enter' }));
    const ctrl = new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, cancelable: true });
    events.onKeydown(ctrl);
    expect(ctrl.defaultPrevented).to.equal(true);
    events.onKeydown(new KeyboardEvent('keydown', { key: 'Enter', metaKey: true }));
    expect(calls).to.deep.equal(['input complaint Hello', 'send complaint', 'send complaint', 'send complaint']);
  });
});

describe('renderDraftText', () => {
  it('ties the textarea to its hint and error lines, read-only while sending, invalid while a send failed', () => {
    const container = place(document.createElement('div'));
    const names = {
      id: 'complaint',
      labelPart: 'complaint-label',
      inputPart: 'complaint-input',
      hintPart: 'complaint-hint',
      label: 'Your complaint',
      hint: 'Be specific.',
    } as const;
    const noop = () => {};
    const view = (sending: boolean, error: string) => ({ body: 'Too slow', sending, error, onInput: noop, onKeydown: noop });
    render(renderDraftText(view(false, ''), names), container);
    const textarea = container.querySelector('textarea')!;
    expect(container.querySelector('label')!.htmlFor).to.equal('complaint');
    expect(textarea).to.include({ id: 'complaint', value: 'Too slow', readOnly: false });
    expect(textarea.getAttribute('part')).to.equal('complaint-input');
    expect(textarea.getAttribute('aria-describedby')).to.equal('complaint-hint complaint-error');
    expect(textarea.getAttribute('aria-invalid')).to.equal('false');
    expect(container.querySelector('#complaint-hint')!.textContent).to.equal('Be specific.');
    render(renderDraftText(view(true, 'It did not go.'), names), container);
    expect(textarea.readOnly).to.equal(true);
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
  });
});

describe('ProgressiveRender.whenRendered', () => {
  class SliceHost extends ReactiveElement {
    readonly progressive = new ProgressiveRender(this);
  }
  defineHost(SliceHost);

  it('resolves after the host’s update for a message that waits for nothing, and after its slice for a deferred one', async () => {
    const host = place(new SliceHost());
    const ids = Array.from({ length: 60 }, (_, i) => `m${i}`);
    host.progressive.deferAfterFirstSlice(ids);
    expect(host.progressive.isDeferred('m59')).to.equal(true);
    host.requestUpdate();
    await host.progressive.whenRendered('m0');
    expect(host.progressive.isDeferred('m59')).to.equal(true);
    await host.progressive.whenRendered('m59');
    expect(host.progressive.isDeferred('m59')).to.equal(false);
    expect(host.progressive.pending).to.equal(0);
  });
});
