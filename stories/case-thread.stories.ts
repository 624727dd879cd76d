import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_PEOPLE, demoSchema, seededCaseId } from '@case-portal/adapter-memory';
import '../packages/elements/src/define/case-thread.js';
import { failingAdapter, hangingAdapter, memoryStorage, pickFiles, typeInto, untilShown, wrapAdapter } from '../packages/elements/src/testing/index.js';
import { draftKey } from '../packages/elements/src/shared/drafts.js';
import { RestAdapter } from '@case-portal/adapter-rest';
import { errorHandlers } from '../test/mocks/failures.js';
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

const thread = (
  adapter: ReturnType<typeof demoAdapter> | Parameters<typeof wrapAdapter>[0],
  caseId: string,
  draftStorage: Storage | null = null,
) => html`<case-thread .adapter=${adapter} .now=${storyNow} .draftStorage=${draftStorage} case-id=${caseId}></case-thread>`;

/** Picks files the way the file dialog does. */
const pickIn = async (root: HTMLElement, files: File[]) => pickFiles((await until(root, '#reply-files')) as HTMLInputElement, files);

const bytes = (n: number) => new Uint8Array(n);

/** Waits until the story's thread shows something matching `selector`. */
const until = (root: HTMLElement, selector: string) => untilShown(root, 'case-thread', selector);

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

/**
 * The conversation over the REST adapter and the mock API (the preview's msw handlers), whose
 * backend runs on the real clock: no fixed "now" here, or its messages would read "in 9 months".
 */
const restThread = (adapter: RestAdapter, caseId: string) =>
  html`<case-thread .adapter=${adapter} .draftStorage=${null} case-id=${caseId}></case-thread>`;

/**
 * The server takes the reply and never answers (the REST adapter over the mock API, which holds
 * the post for good). After the write deadline (2 s here, 30 s by default) the reply is marked
 * failed with "not answering" and a Retry, and the text stays in the composer. A retry goes out
 * under the same idempotency key: if the slow server did make the message, it is not made twice.
 */
export const ReplyNotAnswered: Story = {
  name: 'Reply not answered',
  parameters: { msw: [errorHandlers.delay('infinite', { method: 'post', path: '/cases/:id/messages' })] },
  render: () => restThread(new RestAdapter({ baseUrl: '/api/portal', writeTimeoutMs: 2000 }), seededCaseId(1)),
  play: async ({ canvasElement }) => {
    typeInto((await until(canvasElement, '#reply')) as HTMLTextAreaElement, 'Is there any news on my case?');
    (await until(canvasElement, '[part~="send-button"]')).click();
    await untilShown(canvasElement, 'case-thread', '[part~="message-outgoing"][data-state="failed"]', { timeout: 6000 });
  },
};

/**
 * Too many requests: the reply is marked failed, the message says when to try again and its
 * Retry waits until then (here 45 seconds).
 */
export const ReplyRateLimited: Story = {
  name: 'Reply rate limited',
  parameters: { msw: [errorHandlers.rateLimited(45, { method: 'post', path: '/cases/:id/messages' })] },
  render: () => restThread(new RestAdapter({ baseUrl: '/api/portal' }), seededCaseId(1)),
  play: async ({ canvasElement }) => {
    typeInto((await until(canvasElement, '#reply')) as HTMLTextAreaElement, 'Please call me back.');
    (await until(canvasElement, '[part~="send-button"]')).click();
    const retry = (await until(canvasElement, '[part~="retry-button"]')) as HTMLButtonElement;
    if (!retry.disabled) throw new Error('Retry should wait for the Retry-After time');
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

/**
 * Files picked for a reply: one uploading (slow backend, with its progress and "Cancel upload"),
 * one ready, one refused before any upload because it is larger than the schema allows, and one
 * of a type the schema does not take. The limits are stated before picking.
 */
export const Attachments: Story = {
  render: () => {
    const base = demoAdapter();
    const slow = wrapAdapter(base, {
      uploadAttachment: (file, opts) =>
        file.name.startsWith('slow')
          ? new Promise((_, reject) => opts?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))))
          : base.uploadAttachment(file, opts),
    });
    return thread(slow, seededCaseId(5));
  },
  play: async ({ canvasElement }) => {
    typeInto((await until(canvasElement, '#reply')) as HTMLTextAreaElement, 'The log and a photo of the router are attached.');
    await pickIn(canvasElement, [
      new File([bytes(2_400_000)], 'slow-router-log.txt', { type: 'text/plain' }),
      new File([bytes(180_000)], 'router-front.png', { type: 'image/png' }),
      new File([bytes(10)], 'setup.exe', { type: 'application/x-msdownload' }),
    ]);
    const big = new File([bytes(10)], 'network-capture.zip', { type: 'application/zip' });
    Object.defineProperty(big, 'size', { value: 52_428_800 }); // 50 MB, without allocating it
    await pickIn(canvasElement, [big]);
  },
};

/** "Sending…": the reply shows at once, with its file, before the backend answers. */
export const Sending: Story = {
  render: () => thread(hangingAdapter(demoAdapter(), 'postMessage'), seededCaseId(5)),
  play: async ({ canvasElement }) => {
    typeInto((await until(canvasElement, '#reply')) as HTMLTextAreaElement, 'Here is the serial number: SN-519737-P.');
    (await until(canvasElement, '[part~="send-button"]')).click();
  },
};

/**
 * A draft restored after a reload: the text, a file that had finished uploading (ready to send)
 * and one that was still uploading when the page went away (the browser can't give it back, so
 * the customer is asked to pick it again).
 */
export const DraftRestored: Story = {
  name: 'Draft restored after a reload',
  render: () => {
    const storage = memoryStorage();
    storage.setItem(
      draftKey('reply', DEMO_PEOPLE.customer.id, seededCaseId(5)),
      JSON.stringify({
        body: 'Half-written answer: the router restarts every night at 2 am.',
        key: 'story-key',
        files: [
          { name: 'router-log.txt', size: 24_000, type: 'text/plain', attachment: { id: 'att-story', name: 'router-log.txt', size: 24_000, type: 'text/plain', url: 'data:text/plain,log' } },
          { name: 'photo.jpg', size: 1_200_000, type: 'image/jpeg' },
        ],
      }),
    );
    return thread(demoAdapter(), seededCaseId(5), storage);
  },
};

/** Emails only: the filter above the conversation (all / comments / emails). */
export const FilteredToEmails: Story = {
  name: 'Filtered to emails',
  render: () => thread(demoAdapter(), seededCaseId(12)),
  play: async ({ canvasElement }) => {
    ((await until(canvasElement, '[part~="filter"] input[value="emails"]')) as HTMLInputElement).click();
  },
};

/**
 * A reply from support arrives live while the customer reads the start of a long conversation:
 * it is announced to screen readers, and a button leads to it without moving what is on screen.
 */
export const LiveReply: Story = {
  name: 'Live reply arrives',
  render: () => {
    const adapter = demoAdapter({ schema: { limits: { ...demoSchema.limits, pageSize: 40 } } });
    setTimeout(() => void adapter.agentReply(seededCaseId(12), 'We found the cause: a firmware bug. An update is on its way to you.'), 800);
    return thread(adapter, seededCaseId(12));
  },
  play: async ({ canvasElement }) => {
    await until(canvasElement, '[part~="new-messages"]');
  },
};

/** Right to left: Arabic locale, mirrored layout. */
export const RightToLeft: Story = {
  name: 'RTL',
  render: () =>
    html`<case-thread .adapter=${demoAdapter()} .now=${storyNow} .draftStorage=${null} locale="ar" case-id=${seededCaseId(5)}></case-thread>`,
};

/** Loading: the backend has not answered yet. */
export const Loading: Story = {
  render: () => thread(hangingAdapter(demoAdapter(), 'listMessages'), seededCaseId(5)),
};

/** The conversation could not be loaded: the generic message, a retry, and a case-error event. */
export const LoadError: Story = {
  name: 'Load error',
  render: () => thread(failingAdapter(demoAdapter(), 'listMessages', { code: 'network' }).adapter, seededCaseId(5)),
};
