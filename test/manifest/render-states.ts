/**
 * Renders each element in the states a page sees (loading, failed, loaded, and the panels a click
 * opens) and collects every part name its shadow root shows: the truth the manifest is checked against.
 */
import { waitUntil } from '@open-wc/testing';
import { MemoryAdapter, seededCaseId } from '@case-portal/adapter-memory';
import '@case-portal/elements/define/all.js';
import { failingAdapter, hangingAdapter } from '../../packages/elements/src/testing/index.js';

const NOW = new Date('2025-03-10T12:00:00Z');
const now = () => NOW;
const OPEN_CASE = seededCaseId(1);
const CLOSED_CASE = seededCaseId(7);

const memory = () => new MemoryAdapter({ storage: null, latencyMs: 0, now });

/** The setup error box, and the loading line that stays. */
const failing = failingAdapter(memory(), 'describe', { code: 'network' }).adapter;
const loading = hangingAdapter(memory(), 'describe');

type Props = Record<string, unknown>;
/** A user action; `snapshot()` collects the parts shown right now (before the step undoes them). */
type Step = (el: HTMLElement, snapshot: () => void) => Promise<void>;

const $ = <T extends Element = HTMLElement>(el: HTMLElement, sel: string) => el.shadowRoot!.querySelector<T>(sel);

function collect(el: HTMLElement, into: Set<string>): void {
  for (const node of el.shadowRoot?.querySelectorAll('[part]') ?? []) for (const p of node.part) into.add(p);
}

/** The element's own work is done: no loading line, and a moment for what loads after (history, files). */
async function settled(el: HTMLElement, what: string): Promise<void> {
  await waitUntil(() => el.shadowRoot && el.shadowRoot.querySelector('[part]') && !$(el, '[part~=loading]'), `${what}: still loading`, { timeout: 4000 });
  await new Promise((r) => setTimeout(r, 50));
  await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

/** Mounts `tag` with `props` (and light-DOM `children`), runs the steps, collecting parts after each. */
async function render(tag: string, props: Props, into: Set<string>, steps: Step[] = [], children = ''): Promise<void> {
  const el = document.createElement(tag);
  Object.assign(el, { now, draftStorage: null, ...props });
  el.innerHTML = children;
  document.body.append(el);
  try {
    // The loading and the failing adapter show a part at once; the others are waited for.
    if (props.adapter === loading || props.adapter === failing) await waitUntil(() => el.shadowRoot?.querySelector('[part]'), `${tag} renders nothing`);
    else await settled(el, tag);
    collect(el, into);
    for (const step of steps) {
      await step(el, () => collect(el, into));
      await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
      collect(el, into);
    }
  } finally {
    el.remove();
  }
}

const click = (sel: string): Step => async (el) => {
  await waitUntil(() => $(el, sel), `no ${sel}`);
  $(el, sel)!.click();
};

/** Waits until `sel` is shown (a part whose code is loaded on demand, like the filter panel's). */
const shown = (sel: string): Step => async (el) => {
  await waitUntil(() => $(el, sel), `no ${sel}`, { timeout: 4000 });
};

const type = (sel: string, value: string, until: string): Step => async (el) => {
  const input = $<HTMLInputElement>(el, sel)!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await waitUntil(() => $(el, until), `no ${until} after typing "${value}"`, { timeout: 3000 });
};

/** Opens every enabled lifecycle action's dialog in turn. */
const everyDialog: Step = async (el, snapshot) => {
  const kinds = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~=action]:not([disabled])')].map(
    (b) => [...b.part].find((p) => p.startsWith('action-'))!,
  );
  for (const kind of kinds) {
    $(el, `[part~=${kind}]`)!.click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog')?.open, `${kind}: no dialog`);
    snapshot();
    // Dismiss the way a user does (the dialog's Cancel): the element forgets the dialog at once,
    // so no late close event can reopen or close the next one.
    $<HTMLButtonElement>(el, '.dialog-buttons button[type=button]')!.click();
    await waitUntil(() => !$<HTMLDialogElement>(el, 'dialog'), `${kind}: dialog stays`);
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  }
};

const STATES: Record<string, (into: Set<string>) => Promise<void>> = {
  'case-list': async (into) => {
    const adapter = memory();
    await render('case-list', { adapter, pageSize: 5 }, into, [click('[part~=filters-toggle]'), shown('[part~=filter-panel]'), click('[part~=quick-filter]')]);
    await render('case-list', { adapter, query: { keyword: 'no case has this zqxj' } }, into);
    await render('case-list', { adapter }, into, [], '<template><h3>{{subject}}</h3><a data-case-open>{{number}}</a></template>');
  },
  'case-detail': async (into) => {
    const adapter = memory();
    await render('case-detail', { adapter, caseId: OPEN_CASE }, into, [everyDialog]);
    await render('case-detail', { adapter, caseId: CLOSED_CASE }, into, [everyDialog]);
  },
  'case-thread': async (into) => {
    const adapter = memory();
    await render('case-thread', { adapter, caseId: OPEN_CASE }, into);
    await render('case-thread', { adapter, caseId: CLOSED_CASE }, into, [click('[part~=complaint-toggle]')]);
  },
  'case-create': async (into) => {
    const adapter = memory();
    await render('case-create', { adapter }, into);
    await render('case-create', { adapter }, into, [], '<form><input name="subject" required><button>Send</button></form>');
  },
  'case-search': async (into) => {
    const adapter = memory();
    await render('case-search', { adapter }, into, [
      type('[part~=input]', 'a', '[part~=option]'),
      type('[part~=input]', 'no case has this zqxj', '[part~=empty]'),
    ]);
  },
  'case-portal': async (into) => {
    await render('case-portal', { adapter: memory() }, into, [click('[part~=nav-create]')]);
  },
};

/** Part names `tag` renders in the states above, plus its loading line and its setup error. */
export async function renderedParts(tag: string): Promise<Set<string>> {
  const into = new Set<string>();
  await render(tag, { adapter: loading }, into);
  await render(tag, { adapter: failing }, into);
  await STATES[tag]!(into);
  return into;
}
