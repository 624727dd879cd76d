import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { DEMO_PEOPLE, demoSchema, type MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseAdapter, CaseQuery, CaseRecord, Page } from '@case-portal/core';
import '../packages/elements/src/define/case-list.js';
import {
  failingAdapter,
  neverAdapter,
  withListCases,
} from '../packages/elements/src/testing/index.js';
import { RestAdapter } from '@case-portal/adapter-rest';
import { errorHandlers } from '../test/mocks/failures.js';
import { demoAdapter, storyNow } from './support/backend.js';

/** A fresh in-memory backend per render (fixed "now"): nothing a story does leaks into the next one. */
const memory = (viewerId: string = DEMO_PEOPLE.customer.id, latencyMs = 250): MemoryAdapter =>
  demoAdapter({ viewerId, latencyMs });

interface Args {
  columns: string;
  pageSize: number;
}

const meta: Meta<Args> = {
  title: 'Elements/case-list',
  component: 'case-list',
  args: { columns: '', pageSize: 10 },
  argTypes: {
    columns: { control: 'text', description: 'Comma-separated column keys; empty = the schema’s columns.' },
    pageSize: { control: { type: 'number', min: 1, max: 100 } },
  },
  render: (args) =>
    html`<case-list .adapter=${memory()} .now=${storyNow} columns=${ifDefined(args.columns || undefined)} page-size=${args.pageSize}></case-list>`,
};
export default meta;

type Story = StoryObj<Args>;

/** A list with a given adapter and starting query (the same element a page would place). */
const list = (adapter: CaseAdapter, query?: Partial<CaseQuery>, pageSize = 10): TemplateResult =>
  html`<case-list .adapter=${adapter} .now=${storyNow} .query=${query} page-size=${pageSize}></case-list>`;

/** Waits for `selector` inside the story's first case-list shadow root (stories load asynchronously). */
async function inList<T extends Element = HTMLElement>(
  root: HTMLElement,
  selector: string,
  accept: (el: T) => boolean = () => true,
): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = [...(root.querySelector('case-list')?.shadowRoot?.querySelectorAll<T>(selector) ?? [])].find(accept);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Not found in <case-list>: ${selector}`);
}

/** The signed-in customer's own and linked cases, newest activity first. */
export const Default: Story = {};

/** A supervisor (read-account) also chooses whose cases to see: theirs, the account's, or linked ones. */
export const Supervisor: Story = {
  render: (args) =>
    html`<case-list .adapter=${memory(DEMO_PEOPLE.supervisor.id)} .now=${storyNow} page-size=${args.pageSize}></case-list>`,
};

/** No `locale`: the list speaks the language of the closest `lang` around it (here a French section). */
export const LanguageFromPage: Story = {
  name: 'Language from the page (lang="fr" around it)',
  render: (args) =>
    html`<section lang="fr"><case-list .adapter=${memory()} .now=${storyNow} page-size=${args.pageSize}></case-list></section>`,
};

/**
 * Inside an RTL section (`dir="rtl"`): the layout flips, and English subjects keep their own
 * direction (`dir="auto"`), so a trailing "?" stays at the end.
 */
export const RightToLeftPage: Story = {
  name: 'Inside an RTL page (dir="rtl" around it)',
  render: (args) =>
    html`<div dir="rtl" lang="ar"><case-list .adapter=${memory()} .now=${storyNow} page-size=${args.pageSize}></case-list></div>`,
};

/**
 * Alone on a page (no `<case-portal>`) with `case-url`: each row's subject is a real link to the
 * case's page (`{id}` filled in; a page can set it once with `<meta name="case-portal:case-url">`).
 */
export const LinksToCasePage: Story = {
  name: 'Links to the case page (outside a portal)',
  render: (args) =>
    html`<case-list .adapter=${memory()} .now=${storyNow} page-size=${args.pageSize} case-url="/support/case?id={id}"></case-list>`,
};

/**
 * More columns: the description preview, origin, owner, requester, created date and custom fields
 * formatted by type (choice label, date). Wider than most pages: the table scrolls inside the
 * element instead of widening the page.
 */
export const CustomColumns: Story = {
  args: {
    columns: 'number, subject, description, status, origin, owner, requester, product, due_date, createdAt, updatedAt',
  },
};

/**
 * Configured by a CMS editor without JavaScript: a `<script type="application/json">` inside the
 * element sets its columns and page size, and one key has a typo: the console and `case-error` say
 * so (once), and the rest still applies.
 */
export const ConfiguredByJson: Story = {
  name: 'Configured by JSON (one typo reported)',
  render: () => html`<case-list .adapter=${memory()} .now=${storyNow}>
    <script type="application/json">
      { "columns": ["number", "subject", "status", "owner"], "page-size": 5, "colums": ["typo"] }
    </script>
  </case-list>`,
};

/**
 * The filter panel open with several filters set through the `.query` property: two statuses, two
 * origins and a custom choice field (product). Every active filter also shows as a removable chip.
 * (The panel's open state is the user's: the play function presses "Filters".)
 */
export const FiltersOpen: Story = {
  name: 'Filters open',
  render: () =>
    list(memory(), {
      statuses: ['open', 'pending-agent', 'pending-customer'],
      origins: ['web', 'email'],
      fields: { product: { op: 'in', values: ['router-x200', 'router-x500', 'cloud-console'] } },
    }),
  play: async ({ canvasElement }) => {
    const toggle = await inList(canvasElement, '[part~="filters-toggle"]');
    if (toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
    await inList(canvasElement, '[part~="filter-panel"]');
  },
};

/** The "Awaiting my reply" quick filter on: only cases waiting for the customer. */
export const AwaitingMyReply: Story = {
  name: 'Awaiting my reply',
  render: () => list(memory(), { categories: ['pending-customer'] }),
};

const EMPTY: Page<CaseRecord> = { items: [], total: 0, nextCursor: null, statusCounts: {} };

/** A customer without cases: a message and the "New case" action. */
export const Empty: Story = {
  render: () => html`<case-list .adapter=${withListCases(memory(), async () => EMPTY)} .now=${storyNow}></case-list>`,
};

/** Cases exist, but none matches the keyword: "No cases match", with a way back to everything. */
export const EmptyFiltered: Story = {
  name: 'Empty (filtered)',
  render: () => list(memory(), { keyword: 'no case says this' }),
};

/**
 * The first request fails: the message, a case-error event, and a retry that then works. This
 * backend's schema allows its own messages (`features.backendMessages`), so the list shows the
 * backend's text; with the demo default (off) it would show the generic "went wrong" message.
 */
export const ErrorState: Story = {
  name: 'Error',
  render: () =>
    html`<case-list
      .adapter=${failingAdapter(
        demoAdapter({ latencyMs: 250, schema: { features: { ...demoSchema.features, backendMessages: true } } }),
        'listCases',
        { code: 'server', backendMessage: 'The ticket system is down for maintenance.', times: 1 },
      ).adapter}
      .now=${storyNow}
    ></case-list>`,
};

/** The first page never arrives: the table region stays aria-busy with its loading line. */
export const Loading: Story = {
  render: () => html`<case-list .adapter=${neverAdapter(memory())} .now=${storyNow}></case-list>`,
};

/**
 * The server takes the request and never answers (the REST adapter over the mock API, which here
 * holds `GET /cases` for good). After the adapter's read deadline (1.5 s in this story, 15 s by
 * default) the list says the service is not answering, with a Retry.
 */
export const NotAnswering: Story = {
  name: 'Not answering',
  parameters: { msw: [errorHandlers.delay('infinite', { method: 'get', path: '/cases' })] },
  render: () => list(new RestAdapter({ baseUrl: '/api/portal', readTimeoutMs: 1500 })),
  play: async ({ canvasElement }) => {
    const box = await inList(canvasElement, '[part~="error"]');
    if (!box.textContent!.includes('not answering')) throw new Error(`Unexpected message: ${box.textContent}`);
  },
};

/**
 * The server answers 429 with `Retry-After: 20`: the list says when to try again (in the locale's
 * words, through Intl), and Retry stays disabled until then, then comes back by itself.
 */
export const RateLimited: Story = {
  name: 'Rate limited',
  parameters: { msw: [errorHandlers.rateLimited(20, { method: 'get', path: '/cases' })] },
  render: () => list(new RestAdapter({ baseUrl: '/api/portal' })),
  play: async ({ canvasElement }) => {
    const retry = await inList<HTMLButtonElement>(canvasElement, '[part~="error"] [part~="retry"]');
    if (!retry.disabled) throw new Error('Retry should wait for the Retry-After time');
  },
};

/** The viewer may not list cases at all. */
export const Forbidden: Story = {
  render: () => html`<case-list .adapter=${failingAdapter(memory(), 'listCases', { code: 'forbidden' }).adapter} .now=${storyNow}></case-list>`,
};

/**
 * 100,000 cases, 1,000 rows a page: only the rows near the viewport are in the DOM (spacers keep
 * the scrollbar true); scrolling near the end loads the next page. The demo backend generates the
 * cases when the story loads, which takes about 1.5 s before anything shows.
 */
export const HundredThousandCases: Story = {
  name: '100,000 cases',
  loaders: [
    async () => ({
      adapter: demoAdapter({ caseCount: 100_000, viewerId: DEMO_PEOPLE.supervisor.id }),
    }),
  ],
  render: (_args, { loaded }) => list((loaded as { adapter: MemoryAdapter }).adapter, { view: 'account' }, 1000),
  play: async ({ canvasElement }) => {
    // The window, not the page, decides how many rows exist: far fewer than the thousand loaded.
    await inList(canvasElement, 'tbody tr[data-index]');
    const rows = canvasElement.querySelector('case-list')!.shadowRoot!.querySelectorAll('tbody tr[data-index]').length;
    if (rows >= 1000) throw new Error(`Expected a window of rows, found ${rows} rows in the DOM`);
  },
};

/**
 * A CMS editor's card template: an ordinary `<template>` child with `{{…}}` placeholders. It
 * renders inside the list's shadow root, so the list's own classes apply (`class="status"` with
 * `data-category` is the status pill); the editor's own pieces are styled from the page through
 * `part` (see the `::part()` rules in this story). `data-case-open` marks the link that opens the case.
 */
const CARD_TEMPLATE = html`<template>
  <article class="card-body">
    <a data-case-open href="#" part="card-title"><span part="card-number">#{{number}}</span> {{subject}}</a>
    <p part="card-meta">
      <span class="status" data-category="{{status.category}}">{{status.label}}</span>
      <span>{{fields.product}}</span>
      <span>Updated <time datetime="{{updatedAt}}">{{updatedAt | date}}</time></span>
    </p>
  </article>
</template>`;

const CARD_STYLES = html`<style>
  .story-cards case-list::part(card-title) {
    font-weight: 600;
    text-decoration: none;
    color: light-dark(#1d3557, #9ecbff);
  }
  .story-cards case-list::part(card-number) {
    font-variant-numeric: tabular-nums;
    color: light-dark(#555, #b1bac4);
  }
  .story-cards case-list::part(card-meta) {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 1rem;
    margin: 0.35rem 0 0;
    font-size: 0.875rem;
  }
</style>`;

export const CardTemplate: Story = {
  name: 'Card template',
  render: () => html`${CARD_STYLES}
    <div class="story-cards">
      <case-list .adapter=${memory()} .now=${storyNow} page-size="10">${CARD_TEMPLATE}</case-list>
    </div>`,
};

const HOSTILE_SUBJECT = '<img src=x onerror=alert(1)>';

/**
 * A case whose subject is markup and whose contract ID is a `javascript:` URL, shown through a
 * template: the subject appears as text, and the link built from the contract ID loses its href.
 * The play function fails the story if any markup from the data became an element.
 */
export const TemplateHostileValue: Story = {
  name: 'Template: hostile value',
  loaders: [
    async () => {
      const adapter = demoAdapter();
      await adapter.createCase({
        subject: HOSTILE_SUBJECT,
        description: '"><script>alert(1)</script>',
        fields: { product: 'router-x200', contract_id: 'javascript:alert(1)' },
      });
      return { adapter };
    },
  ],
  render: (_args, { loaded }) => html`${CARD_STYLES}
    <div class="story-cards">
      <case-list .adapter=${(loaded as { adapter: MemoryAdapter }).adapter} .now=${storyNow} page-size="5">
        <template>
          <a data-case-open href="#" part="card-title">#{{number}} {{subject}}</a>
          <p part="card-meta">
            <span class="status" data-category="{{status.category}}">{{status.label}}</span>
            <a href="{{fields.contract_id}}">Contract {{fields.contract_id | default:none}}</a>
          </p>
        </template>
      </case-list>
    </div>`,
  play: async ({ canvasElement }) => {
    await inList(canvasElement, '[part~="card"]', (el) => el.textContent?.includes(HOSTILE_SUBJECT) ?? false);
    const root = canvasElement.querySelector('case-list')!.shadowRoot!;
    if (root.querySelector('img, script')) throw new Error('Data was rendered as markup');
    const unsafe = [...root.querySelectorAll('a[href]')].find((a) => a.getAttribute('href')!.startsWith('javascript:'));
    if (unsafe) throw new Error('A javascript: URL reached an href');
  },
};

/**
 * A template with typos (`{{subjct}}`, `{{fields.colour}}`): the list still renders (the unknown
 * placeholders as empty text) and fires `case-error` once with what is wrong; this story prints
 * the event's `detail.message` next to the list, as an editor's preview could.
 */
export const TemplateUnknownPlaceholder: Story = {
  name: 'Template: unknown placeholder',
  render: () => {
    const show = (e: CustomEvent<{ message: string }>) => {
      const pre = (e.currentTarget as HTMLElement).querySelector('pre')!;
      pre.textContent = `case-error: ${e.detail.message}`;
    };
    return html`${CARD_STYLES}
      <div class="story-cards" @case-error=${show}>
        <pre class="story-error" role="status" aria-live="polite"></pre>
        <case-list .adapter=${memory()} .now=${storyNow} page-size="5">
          <template>
            <a data-case-open href="#" part="card-title">#{{number}} {{subjct}}</a>
            <p part="card-meta">{{status.label}} · {{fields.colour}}</p>
          </template>
        </case-list>
      </div>
      <style>
        .story-error {
          white-space: pre-wrap;
          padding: 0.5rem 0.75rem;
          border-inline-start: 4px solid #b00020;
          background: #fdf2f4;
          font-size: 0.8125rem;
        }
      </style>`;
  },
  play: async ({ canvasElement }) => {
    const pre = canvasElement.querySelector('pre')!;
    for (let i = 0; i < 200 && !pre.textContent; i++) await new Promise((r) => setTimeout(r, 50));
    if (!pre.textContent?.includes('subjct')) throw new Error(`No case-error about {{subjct}}: "${pre.textContent}"`);
  },
};

/**
 * A phone-width container (360 px): the list switches by container query, not by viewport, to
 * cards: subject first, then labelled values, and the header row as a line of sort buttons.
 */
export const Narrow: Story = {
  name: 'Narrow (phone, 360px)',
  render: () => html`<style>
      .story-phone {
        width: 360px;
        border: 1px dashed #999;
      }
    </style>
    <div class="story-phone">${list(memory(), undefined, 10)}</div>`,
};
