import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { demoSchema, seededCaseId } from '@case-portal/adapter-memory';
import '../packages/elements/src/define/case-thread.js';
import type { CaseThread } from '../packages/elements/src/case-thread/case-thread.js';
import { failingAdapter, typeInto, wrapAdapter } from '../packages/elements/src/case-thread/testing.js';
import { demoAdapter, storyNow } from './support/backend.js';

/**
 * The conversation of one case: messages oldest first, a composer with optimistic sending,
 * and on a finished case an explanation plus a complaint form. Drafts are off in stories
 * (`draftStorage = null`) so one story's typing never shows up in another.
 */
const meta: Meta = {
  title: 'Elements/case-thread',
  component: 'case-thread',
  parameters: { layout: 'padded' },
  render: () => thread(demoAdapter({ latencyMs: 300 }), seededCaseId(5)),
};
export default meta;

type Story = StoryObj;

const thread = (adapter: ReturnType<typeof demoAdapter> | Parameters<typeof wrapAdapter>[0], caseId: string) =>
  html`<case-thread .adapter=${adapter} .now=${storyNow} .draftStorage=${null} case-id=${caseId}></case-thread>`;

/** Waits until the story's thread shows something matching `selector` (plain DOM, no test addon needed). */
async function until(root: HTMLElement, selector: string): Promise<HTMLElement> {
  const el = root.querySelector<CaseThread>('case-thread')!;
  for (let i = 0; i < 100; i++) {
    const found = el.shadowRoot?.querySelector<HTMLElement>(selector);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Not found: ${selector}`);
}

/** A case waiting for the customer's reply: agent and customer messages, a status event, the composer. */
export const Default: Story = {};

/** A long conversation, paged: "Load older messages" fetches the earlier ones. */
export const LongThread: Story = {
  name: 'Long thread',
  render: () => thread(demoAdapter({ latencyMs: 300, schema: { limits: { ...demoSchema.limits, pageSize: 10 } } }), seededCaseId(12)),
};

/** A closed case: replies are off, with an explanation; the customer may still make a complaint. */
export const ClosedCase: Story = {
  name: 'Closed case (complaint)',
  render: () => thread(demoAdapter({ latencyMs: 300 }), seededCaseId(7)),
  play: async ({ canvasElement }) => {
    (await until(canvasElement, '[part~="complaint-toggle"]')).click();
  },
};

/**
 * Sending fails (the backend's own message is shown, as the demo schema allows): the message stays
 * with "Failed to send — Retry" and the text stays in the composer. Every retry carries the same
 * idempotency key.
 */
export const SendFails: Story = {
  name: 'Send fails',
  render: () =>
    thread(
      failingAdapter(demoAdapter({ latencyMs: 300 }), 'postMessage', {
        code: 'server',
        backendMessage: 'The ticket system is down for maintenance.',
      }).adapter,
      seededCaseId(1),
    ),
  play: async ({ canvasElement }) => {
    typeInto((await until(canvasElement, '#reply')) as HTMLTextAreaElement, 'Could you call me back this afternoon?');
    (await until(canvasElement, '[part~="send-button"]')).click();
  },
};

/** No messages yet: a short line, and the composer. */
export const Empty: Story = {
  render: () => {
    const base = demoAdapter();
    return thread(
      wrapAdapter(base, { listMessages: async () => ({ items: [], total: 0, nextCursor: null }) }),
      seededCaseId(1),
    );
  },
};
