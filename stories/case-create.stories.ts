import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_PEOPLE } from '@case-portal/adapter-memory';
import type { CaseAdapter } from '@case-portal/core';
import '../packages/elements/src/define/case-create.js';
import type { CaseCreate } from '../packages/elements/src/case-create/case-create.js';
import { choose, failingAdapter, typeInto } from '../packages/elements/src/case-thread/testing.js';
import { demoAdapter, storyNow } from './support/backend.js';

/**
 * The new-case form, built from the schema (subject, description, service, category and the
 * custom fields marked onCreate). Drafts are off in stories (`draftStorage = null`).
 */
const meta: Meta = {
  title: 'Elements/case-create',
  component: 'case-create',
  parameters: { layout: 'padded' },
  render: () => form(demoAdapter({ latencyMs: 400 })),
};
export default meta;

type Story = StoryObj;

const form = (adapter: CaseAdapter) =>
  html`<case-create .adapter=${adapter} .now=${storyNow} .draftStorage=${null}></case-create>`;

async function until(root: HTMLElement, selector: string): Promise<HTMLElement> {
  const el = root.querySelector<CaseCreate>('case-create')!;
  for (let i = 0; i < 100; i++) {
    const found = el.shadowRoot?.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Not found: ${selector}`);
}

async function fill(root: HTMLElement): Promise<void> {
  typeInto((await until(root, '#f-subject')) as HTMLInputElement, 'Router X200 reboots every hour');
  typeInto((await until(root, '#f-description')) as HTMLTextAreaElement, 'Since the 4.2 firmware update, about once an hour.');
  choose((await until(root, '#f-fields_product')) as HTMLSelectElement, 'router-x200');
}

/** An empty form; submit it to see the confirmation with the new case number. */
export const Default: Story = {};

/** Submitted empty (and with an out-of-range number): messages beside each field, focus on the first. */
export const ValidationErrors: Story = {
  name: 'Validation errors',
  play: async ({ canvasElement }) => {
    typeInto((await until(canvasElement, '#f-fields_affected_users')) as HTMLInputElement, '0');
    (await until(canvasElement, '[part~="submit"]')).click();
  },
};

/**
 * Creating fails: the form stays filled, the backend's message shows (the demo schema allows it),
 * and a retry carries the same idempotency key, so it can never make two cases.
 */
export const SubmitFails: Story = {
  name: 'Submit fails',
  render: () =>
    form(
      failingAdapter(demoAdapter({ latencyMs: 400 }), 'createCase', {
        code: 'server',
        backendMessage: 'The ticket system is down for maintenance.',
      }).adapter,
    ),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    (await until(canvasElement, '[part~="submit"]')).click();
  },
};

/** A viewer without the "create" permission: an explanation instead of the form. */
export const NoPermission: Story = {
  name: 'No permission',
  render: () =>
    form(
      demoAdapter({
        viewer: { ...DEMO_PEOPLE.customer, permissions: DEMO_PEOPLE.customer.permissions.filter((p) => p !== 'create') },
      }),
    ),
};
