import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { DEMO_PEOPLE, MemoryAdapter } from '@case-portal/adapter-memory';
import type { CaseRecord, Page } from '@case-portal/core';
import '../packages/elements/src/define/case-list.js';
import {
  failingAdapter,
  neverAdapter,
  withListCases,
} from '../packages/elements/src/case-list/adapter-wrappers.js';

/** A fresh in-memory backend per render: nothing a story does leaks into the next one. */
const memory = (viewerId: string = DEMO_PEOPLE.customer.id, latencyMs = 250) =>
  new MemoryAdapter({ storage: null, viewerId, latencyMs });

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
    html`<case-list .adapter=${memory()} columns=${ifDefined(args.columns || undefined)} page-size=${args.pageSize}></case-list>`,
};
export default meta;

type Story = StoryObj<Args>;

/** The signed-in customer's own and linked cases, newest activity first. */
export const Default: Story = {};

/** A supervisor (read-account) also chooses whose cases to see: theirs, the account's, or linked ones. */
export const Supervisor: Story = {
  render: (args) =>
    html`<case-list .adapter=${memory(DEMO_PEOPLE.supervisor.id)} page-size=${args.pageSize}></case-list>`,
};

/** More columns, including custom fields formatted by type (choice label, date). */
export const CustomColumns: Story = {
  args: { columns: 'number, subject, status, product, due_date, origin, owner, createdAt, updatedAt' },
};

const EMPTY: Page<CaseRecord> = { items: [], total: 0, nextCursor: null, statusCounts: {} };

/** A customer without cases: a message and the "New case" action. */
export const Empty: Story = {
  render: () => html`<case-list .adapter=${withListCases(memory(), async () => EMPTY)}></case-list>`,
};

/**
 * The first request fails: the message (the backend's own, as the demo schema allows backend
 * messages), a case-error event, and a retry that then works.
 */
export const ErrorState: Story = {
  name: 'Error',
  render: () =>
    html`<case-list
      .adapter=${failingAdapter(memory(), 'server', { backendMessage: 'The ticket system is down for maintenance.' }, 1)}
    ></case-list>`,
};

/** The first page never arrives: the table region stays aria-busy with its loading line. */
export const Loading: Story = {
  render: () => html`<case-list .adapter=${neverAdapter(memory())}></case-list>`,
};

/** The viewer may not list cases at all. */
export const Forbidden: Story = {
  render: () => html`<case-list .adapter=${failingAdapter(memory(), 'forbidden')}></case-list>`,
};
