import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { DEMO_PEOPLE, demoSchema, seededCaseId, type DemoPersonKey, type MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseAdapter } from '@case-portal/core';
import '../packages/elements/src/define/case-detail.js';
import { failingAdapter, hangingAdapter, untilShown } from '../packages/elements/src/testing/index.js';
import { demoAdapter, storyNow } from './support/backend.js';

/**
 * One case, each story on the demo backend's seeded case that shows its state (seededCaseId(i),
 * dated relative to the stories' fixed clock, so "5 hours overdue" stays true in every screenshot).
 * A fresh backend per render: what one story does (close, rate, reopen) never leaks into the next.
 */
interface Args {
  /** Index of the seeded demo case (see the STORIES list in adapter-memory's seed.ts). */
  caseIndex: number;
  /** Who is signed in. */
  viewer: DemoPersonKey;
  /** BCP 47 locale; empty = the page's. */
  locale: string;
}

const meta: Meta<Args> = {
  title: 'Elements/case-detail',
  component: 'case-detail',
  args: { caseIndex: 10, viewer: 'customer', locale: '' },
  argTypes: {
    caseIndex: { control: { type: 'number', min: 0, max: 63 }, description: 'Seeded demo case: 0 overdue … 16 supervisor’s own.' },
    viewer: { control: 'select', options: Object.keys(DEMO_PEOPLE) },
    locale: { control: 'text' },
  },
  render: (args) => detail(backend(args), seededCaseId(args.caseIndex), { locale: args.locale }),
};
export default meta;
type Story = StoryObj<Args>;

/** The demo backend as `args.viewer` sees it. */
const backend = (args: Args, options: Parameters<typeof demoAdapter>[0] = {}): MemoryAdapter =>
  demoAdapter({ viewerId: DEMO_PEOPLE[args.viewer].id, ...options });

const detail = (
  adapter: CaseAdapter,
  caseId: string,
  opts: { locale?: string; caseUrl?: string; content?: TemplateResult } = {},
): TemplateResult =>
  html`<case-detail
    .adapter=${adapter}
    .now=${storyNow}
    case-id=${caseId}
    locale=${ifDefined(opts.locale || undefined)}
    case-url=${ifDefined(opts.caseUrl)}
    >${opts.content ?? nothing}</case-detail
  >`;

/** Waits for `selector` inside the story's case-detail shadow root (the case loads asynchronously). */
const inDetail = <T extends HTMLElement = HTMLElement>(root: HTMLElement, selector: string) =>
  untilShown<T>(root, 'case-detail', selector, { timeout: 10_000 });

// ---- open cases ----

/**
 * Pending from the agent, with the related case merged into it. Edit details, Close, Cancel and
 * Make a complaint are offered; files can be added.
 */
export const Open: Story = { args: { caseIndex: 10 } };

/** Just opened, nobody has answered: the response deadline runs out in 45 minutes. */
export const NewResponseDueSoon: Story = { name: 'New, response due soon', args: { caseIndex: 1 } };

/** The agent waits for the customer (the "Waiting on you" stage). */
export const AwaitingReply: Story = { args: { caseIndex: 5 } };

/** On hold, waiting for a part. */
export const OnHold: Story = { name: 'On hold', args: { caseIndex: 11 } };

/** The resolution deadline passed five hours ago: said in words and in the danger colour. */
export const Overdue: Story = { args: { caseIndex: 0 } };

// ---- finished cases ----

/** Resolved two hours ago: Reopen is offered until the 6-hour window ends (the hint says when), and rating is open. */
export const Resolved: Story = { name: 'Resolved (reopen window open)', args: { caseIndex: 2 } };

/** Resolved 30 hours ago: Reopen is disabled with the reason ("within 6 hours of closing"). */
export const ResolvedPastReopenWindow: Story = { name: 'Resolved (reopen window passed)', args: { caseIndex: 3 } };

/** Resolved an hour ago, but already reopened once: the limit is reached, and said so. */
export const ReopenLimitReached: Story = { name: 'Reopen limit reached', args: { caseIndex: 4 } };

/** Closed three hours ago and not rated yet: the 1–5 rating with notes. */
export const Closed: Story = { name: 'Closed, not yet rated', args: { caseIndex: 7 } };

/** Closed long ago and rated: the rating is read-only. */
export const ClosedAndRated: Story = { name: 'Closed and rated', args: { caseIndex: 6 } };

/** Canceled by the customer. */
export const Canceled: Story = { args: { caseIndex: 8 } };

/** Merged into another case: the related case links to it (here through `case-url`). */
export const Merged: Story = {
  name: 'Merged (related case)',
  args: { caseIndex: 9 },
  render: (args) => detail(backend(args), seededCaseId(args.caseIndex), { caseUrl: '?case={id}' }),
};

// ---- who may do what ----

/**
 * A colleague's case the customer is copied on: they read it, reply and may complain, but Edit,
 * Close and Cancel are absent, with one sentence saying why.
 */
export const ReadOnlyViewer: Story = { name: 'Read-only viewer (copied on a colleague’s case)', args: { caseIndex: 13 } };

/** The supervisor reading a colleague's case (read-account): the same read-only sentence. */
export const SupervisorViewer: Story = { name: 'Supervisor on a colleague’s case', args: { caseIndex: 14, viewer: 'supervisor' } };

/**
 * The backend switches off update, close, cancel, reopen, complain and feedback (`schema.features`):
 * on a case resolved within the reopen window, neither the actions nor the rating show.
 */
export const FeaturesOff: Story = {
  name: 'Features off',
  args: { caseIndex: 2 },
  render: (args) =>
    detail(
      backend(args, {
        schema: {
          features: {
            ...demoSchema.features,
            update: false,
            close: false,
            cancel: false,
            reopen: false,
            complain: false,
            feedback: false,
          },
        },
      }),
      seededCaseId(args.caseIndex),
    ),
};

// ---- people copied on the case (issue 13) ----

/** Backend where the case already copies these demo people (by address, as the requester would). */
const copying = (args: Args, ...who: DemoPersonKey[]): MemoryAdapter => {
  const adapter = backend(args);
  const id = seededCaseId(args.caseIndex);
  let chain: Promise<unknown> = Promise.resolve();
  for (const k of who) chain = chain.then(() => adapter.addParticipant(id, { email: DEMO_PEOPLE[k].email! }));
  return adapter;
};

/** The requester's own open case, no one copied yet: the address field and the colleague picker. */
export const ParticipantsNone: Story = { name: 'People copied: none yet', args: { caseIndex: 5 } };

/** Two colleagues copied: each with their address (the requester sees them) and a Remove button. */
export const ParticipantsTwo: Story = {
  name: 'People copied: two colleagues',
  args: { caseIndex: 5 },
  render: (args) => detail(copying(args, 'tom', 'mei'), seededCaseId(args.caseIndex)),
  play: async ({ canvasElement }) => {
    await inDetail(canvasElement, '[part~="participant"]');
  },
};

/** The schema's limit (here 2) reached: no form, a line saying how many may be copied. */
export const ParticipantsFull: Story = {
  name: 'People copied: limit reached',
  args: { caseIndex: 5 },
  render: (args) => {
    const adapter = backend(args, { schema: { participants: { max: 2, colleagues: true } } });
    const id = seededCaseId(args.caseIndex);
    void adapter.addParticipant(id, { email: DEMO_PEOPLE.tom.email! }).then(() => adapter.addParticipant(id, { email: DEMO_PEOPLE.mei.email! }));
    return detail(adapter, id);
  },
  play: async ({ canvasElement }) => {
    await inDetail(canvasElement, '[part~="participant-limit"]');
  },
};

/** An address no one uses: the backend's refusal under the field, which keeps what was typed. */
export const ParticipantsRefused: Story = {
  name: 'People copied: address refused',
  args: { caseIndex: 5 },
  play: async ({ canvasElement }) => {
    const input = await inDetail<HTMLInputElement>(canvasElement, '#participant-email');
    input.value = 'someone@elsewhere.example';
    input.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r));
    (await inDetail(canvasElement, '[part~="participant-add"]')).click();
    await inDetail(canvasElement, '[part~="participant-error"]');
  },
};

/** Alex copied on Tom's case: the list by name, no controls (only the requester changes it). */
export const ParticipantsAsCopiedPerson: Story = { name: 'People copied: seen by a person copied', args: { caseIndex: 13 } };

// ---- dialogs ----

/** Edit details: exactly the schema's editable fields, filled with the case's values. */
export const UpdateDialogOpen: Story = {
  name: 'Update dialog open',
  play: async ({ canvasElement }) => {
    (await inDetail(canvasElement, '[part~="action-update"]')).click();
    await inDetail(canvasElement, 'dialog[open]');
  },
};

/** Close: the close-as status, a required reason and an optional comment. */
export const CloseDialogOpen: Story = {
  name: 'Close dialog open',
  play: async ({ canvasElement }) => {
    (await inDetail(canvasElement, '[part~="action-close"]')).click();
    await inDetail(canvasElement, 'dialog[open]');
  },
};

/**
 * Canceling fails and the schema allows backend messages (`features.backendMessages`): the
 * backend's own text shows in the dialog, which stays open for a retry.
 */
export const BackendMessage: Story = {
  name: 'Backend message',
  render: (args) =>
    detail(
      failingAdapter(backend(args, { schema: { features: { ...demoSchema.features, backendMessages: true } } }), 'transition', {
        code: 'server',
        backendMessage: 'The ticket system is read-only during maintenance (until 14:00 UTC).',
      }).adapter,
      seededCaseId(args.caseIndex),
    ),
  play: async ({ canvasElement }) => {
    (await inDetail(canvasElement, '[part~="action-cancel"]')).click();
    (await inDetail(canvasElement, '[part~="dialog-submit"]')).click();
    await inDetail(canvasElement, '[part~="dialog-error"]');
  },
};

// ---- a CMS editor's layout ----

/**
 * A CMS editor's details layout: a `<template>` child with `{{…}}` placeholders, the built-in
 * sections placed with empty `data-case-part` containers, and a literal `<case-thread>`. It renders
 * inside the element's shadow root, so the element's own classes apply (`class="status"`); the
 * editor's pieces are styled from the page through `part` (see the `::part()` rules below).
 */
const DETAILS_TEMPLATE = html`<template>
  <header part="tpl-header">
    <p part="tpl-kicker">
      Case {{number}} · <span class="status" data-category="{{status.category}}">{{status.label}}</span>
    </p>
    <h2 part="tpl-title">{{subject}}</h2>
    <p part="tpl-meta">
      {{fields.product}} · opened <time datetime="{{createdAt}}">{{createdAt | date}}</time> · last update
      <time datetime="{{updatedAt}}">{{updatedAt | datetime}}</time>
    </p>
  </header>
  <div data-case-part="stages"></div>
  <div part="tpl-columns">
    <div part="tpl-main">
      <div data-case-part="actions"></div>
      <div data-case-part="description"></div>
      <div>
        <h3>Conversation</h3>
        <case-thread></case-thread>
      </div>
    </div>
    <aside part="tpl-side">
      <div data-case-part="profile"></div>
      <div data-case-part="files"></div>
      <div data-case-part="related"></div>
      <div data-case-part="history"></div>
    </aside>
  </div>
</template>`;

const DETAILS_STYLES = html`<style>
  /* display: the element's own header rule (flex) also reaches an editor's <header>. */
  .story-details case-detail::part(tpl-header) {
    display: block;
    border-block-end: 3px solid light-dark(#1d3557, #9ecbff);
    padding-block-end: 0.75rem;
    margin-block-end: 1rem;
  }
  .story-details case-detail::part(tpl-kicker),
  .story-details case-detail::part(tpl-meta) {
    margin: 0;
    color: light-dark(#555, #b1bac4);
    font-size: 0.875rem;
  }
  .story-details case-detail::part(tpl-title) {
    margin: 0.25rem 0;
    font-size: 1.75rem;
    color: light-dark(#1d3557, #9ecbff);
  }
  .story-details case-detail::part(tpl-columns) {
    display: grid;
    grid-template-columns: minmax(16rem, 1fr) minmax(0, 2fr);
    gap: 1.5rem;
    align-items: start;
  }
  .story-details case-detail::part(tpl-side) {
    grid-row: 1;
    display: grid;
    gap: 1rem;
  }
  .story-details case-detail::part(tpl-main) {
    display: grid;
    gap: 1rem;
  }
  @media (max-width: 48rem) {
    .story-details case-detail::part(tpl-columns) {
      grid-template-columns: minmax(0, 1fr);
    }
    .story-details case-detail::part(tpl-side) {
      grid-row: auto;
    }
  }
</style>`;

/** The open case laid out by the editor's template: the sidebar on the left, the conversation beside it. */
export const DetailsTemplate: Story = {
  name: 'Details template',
  render: (args) => html`${DETAILS_STYLES}
    <div class="story-details">${detail(backend(args), seededCaseId(args.caseIndex), { content: DETAILS_TEMPLATE })}</div>`,
};

// ---- right to left ----

/** Arabic locale (no Arabic catalog: English text with Arabic dates and digits); the element sets dir="rtl" itself. */
export const RightToLeft: Story = { name: 'Right to left', args: { caseIndex: 0, locale: 'ar' } };

// ---- loading and errors ----

export const NotFound: Story = {
  name: 'Not found',
  render: (args) => detail(backend(args), 'no-such-case'),
};

/** Loading fails: the generic message and Retry. */
export const LoadError: Story = {
  name: 'Load error',
  render: (args) => detail(failingAdapter(backend(args), 'getCase', { code: 'server' }).adapter, seededCaseId(args.caseIndex)),
};

/** The case never arrives: the loading line. */
export const Loading: Story = {
  render: (args) => detail(hangingAdapter(backend(args), 'getCase'), seededCaseId(args.caseIndex)),
};
