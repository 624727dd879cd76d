import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { CaseAdapter } from '@case-portal/core';
import '../packages/elements/src/define/case-search.js';
import '../packages/elements/src/define/case-portal.js';
import type { CaseSearch } from '../packages/elements/src/case-search/case-search.js';
import type { CasePortal } from '../packages/elements/src/case-portal/case-portal.js';
import type { CaseSelectEvent } from '../packages/elements/src/events.js';
import { failingAdapter, hangingAdapter, untilShown } from '../packages/elements/src/testing/index.js';
import { demoAdapter, storyNow } from './support/backend.js';

/**
 * A search box for the signed-in customer's cases by case number or subject. Matches appear in a
 * listbox popup (arrow keys, Enter, Escape, click); picking one, or Enter on an exact case number,
 * fires `case-select` and opens the case in a surrounding portal or at `case-url`.
 *
 * The play functions type into the box the way a user does (value + input event), so each state
 * shows without a click.
 */
interface Args {
  label: string;
  placeholder: string;
  limit: number;
}

const meta: Meta<Args> = {
  title: 'Elements/case-search',
  component: 'case-search',
  parameters: { layout: 'padded' },
  args: { label: '', placeholder: '', limit: 8 },
  argTypes: {
    label: { control: 'text', description: 'Label text; empty = the catalog’s “Find a case”.' },
    placeholder: { control: 'text', description: 'Empty = the catalog’s hint.' },
    limit: { control: { type: 'number', min: 1, max: 50 } },
  },
  render: (args) => search(demoAdapter({ latencyMs: 200 }), args),
};
export default meta;

type Story = StoryObj<Args>;

/** Room below the box for the popup: the story canvas is only as tall as its content. */
const search = (adapter: CaseAdapter, args: Partial<Args> = {}) =>
  html`<div class="story-search">
    <style>
      .story-search {
        max-width: 30rem;
        min-height: 30rem;
      }
    </style>
    <case-search
      .adapter=${adapter}
      .now=${storyNow}
      label=${ifDefined(args.label || undefined)}
      placeholder=${ifDefined(args.placeholder || undefined)}
      limit=${args.limit ?? 8}
    ></case-search>
  </div>`;

const until = untilShown;

/** Types like a user (value + input event) into the first case-search of the story. */
async function typeIn(root: HTMLElement, text: string): Promise<CaseSearch> {
  const input = (await until(root, 'case-search', '[part="input"]')) as HTMLInputElement;
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  return root.querySelector<CaseSearch>('case-search')!;
}

/** Idle: label, box and hint; nothing is asked of the backend until something is typed. */
export const Default: Story = {};

/** "router" typed: matches with number, subject and status; the second one highlighted (Arrow Down twice). */
export const WithMatches: Story = {
  name: 'Typing, with matches',
  play: async ({ canvasElement }) => {
    await typeIn(canvasElement, 'router');
    const input = await until(canvasElement, 'case-search', '[part="input"]');
    await until(canvasElement, 'case-search', '[role="option"]');
    for (let i = 0; i < 2; i++) {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true }));
    }
  },
};

/** While the backend is still answering: "Searching…" and aria-busy on the popup. */
export const Searching: Story = {
  render: () => search(hangingAdapter(demoAdapter(), 'listCases')),
  play: async ({ canvasElement }) => {
    await typeIn(canvasElement, 'router');
    await until(canvasElement, 'case-search', '[part="status-text"]');
  },
};

/** Nothing matches: the popup says so, and the live region announces it. */
export const NoMatches: Story = {
  name: 'No matches',
  play: async ({ canvasElement }) => {
    await typeIn(canvasElement, 'zzz-no-such-case');
    await until(canvasElement, 'case-search', '[part="empty"]');
  },
};

/**
 * The search fails: the message shows in the popup (the generic one, as the demo schema keeps
 * backend messages private), `case-error` fires, and the next keystroke tries again.
 */
export const BackendError: Story = {
  name: 'Backend error',
  render: () => search(failingAdapter(demoAdapter(), 'listCases', { code: 'server', backendMessage: 'The ticket system is down for maintenance.' }).adapter),
  play: async ({ canvasElement }) => {
    await typeIn(canvasElement, 'router');
    await until(canvasElement, 'case-search', '[part="error"]');
  },
};

/**
 * With a portal on the page. `<case-portal>` renders its own views and no slot, so the search sits
 * beside it; the page hands picks to the portal (`case-select` → `portal.go(…)`). An element that is
 * a descendant of a portal's context (e.g. in a portal layout) opens cases through the portal itself.
 */
export const WithPortal: Story = {
  name: 'With a portal',
  render: () => {
    const adapter = demoAdapter();
    const open = (e: CaseSelectEvent) => {
      e.preventDefault();
      const portal = (e.currentTarget as HTMLElement).parentElement!.querySelector<CasePortal>('case-portal')!;
      portal.go({ view: 'detail', caseId: e.detail.caseId });
    };
    return html`<div>
      <case-search
        class="story-search-box"
        .adapter=${adapter}
        .now=${storyNow}
        label="Go to a case"
        @case-select=${open}
      ></case-search>
      <style>
        .story-search-box {
          max-width: 30rem;
          margin-block-end: 1.5rem;
        }
      </style>
      <case-portal .adapter=${adapter} .now=${storyNow}></case-portal>
    </div>`;
  },
  play: async ({ canvasElement }) => {
    await until(canvasElement, 'case-portal', '[part="bar"]');
    await typeIn(canvasElement, 'invoice');
  },
};
