import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { DEMO_PEOPLE, demoSchema } from '@case-portal/adapter-memory';
import type { CaseAdapter, FieldDef } from '@case-portal/core';
import '../packages/elements/src/define/case-create.js';
import { choose, failingAdapter, hangingAdapter, memoryStorage, pickFiles, typeInto, untilShown, wrapAdapter } from '../packages/elements/src/testing/index.js';
import { draftKey } from '../packages/elements/src/shared/drafts.js';
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

const form = (adapter: CaseAdapter, draftStorage: Storage | null = null) =>
  html`<case-create .adapter=${adapter} .now=${storyNow} .draftStorage=${draftStorage}></case-create>`;

const pickIn = async (root: HTMLElement, files: File[]) => pickFiles((await until(root, '#create-files')) as HTMLInputElement, files);

const until = (root: HTMLElement, selector: string) => untilShown(root, 'case-create', selector);

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

/** People to copy named on the form (the schema allows five): two colleagues' addresses typed. */
export const WithPeopleCopied: Story = {
  name: 'People to copy',
  play: async ({ canvasElement }) => {
    typeInto((await until(canvasElement, '#f-participants')) as HTMLInputElement, 'tom.becker@northwind.example, mei.lin@northwind.example');
  },
};

/** A malformed address among the people to copy: refused beside the field before anything is sent. */
export const PeopleCopiedInvalid: Story = {
  name: 'People to copy: invalid address',
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    typeInto((await until(canvasElement, '#f-participants')) as HTMLInputElement, 'tom.becker@northwind');
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

/**
 * Files picked for the new case: a screenshot uploaded, a log still uploading (slow backend), and
 * a file refused before any upload because it is larger than the schema allows.
 */
export const WithAttachments: Story = {
  name: 'With attachments',
  render: () => {
    const base = demoAdapter();
    // The log never finishes uploading, so its progress and "Cancel upload" stay on screen.
    return form(
      wrapAdapter(base, {
        uploadAttachment: (file, opts) => (file.name.endsWith('.txt') ? new Promise(() => {}) : base.uploadAttachment(file, opts)),
      }),
    );
  },
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    await pickIn(canvasElement, [
      new File([new Uint8Array(210_000)], 'error-screenshot.png', { type: 'image/png' }),
      new File([new Uint8Array(800_000)], 'router-log.txt', { type: 'text/plain' }),
    ]);
    const big = new File([new Uint8Array(10)], 'capture.zip', { type: 'application/zip' });
    Object.defineProperty(big, 'size', { value: 64 * 1024 * 1024 });
    await pickIn(canvasElement, [big]);
  },
};

/** Sending: the button says "Creating…" and a second click does nothing. */
export const Submitting: Story = {
  render: () => form(hangingAdapter(demoAdapter(), 'createCase')),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    (await until(canvasElement, '[part~="submit"]')).click();
  },
};

/** Created: the confirmation with the new case number, focused, with "Open case". */
export const Created: Story = {
  render: () => form(demoAdapter()),
  play: async ({ canvasElement }) => {
    await fill(canvasElement);
    (await until(canvasElement, '[part~="submit"]')).click();
    await until(canvasElement, '[part~="confirmation"]');
  },
};

/**
 * A draft restored after a reload: what was typed, a file that had uploaded (ready) and one that
 * was still uploading when the page went away (to pick again).
 */
export const DraftRestored: Story = {
  name: 'Draft restored after a reload',
  render: () => {
    const storage = memoryStorage();
    storage.setItem(
      draftKey('create', DEMO_PEOPLE.customer.id),
      JSON.stringify({
        key: 'story-key',
        values: { subject: 'VPN drops every evening', description: 'Since Monday, around 6 pm.', service: '', category: '', fields: {} },
        files: [
          { name: 'vpn-log.txt', size: 14_000, type: 'text/plain', attachment: { id: 'att-story', name: 'vpn-log.txt', size: 14_000, type: 'text/plain', url: 'data:text/plain,log' } },
          { name: 'screenshot.png', size: 420_000, type: 'image/png' },
        ],
      }),
    );
    return form(demoAdapter(), storage);
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

// ---- web-form mode ----

/** The demo backend plus a checkbox field, and a 1 MB file limit so a refused file is easy to show. */
const webFormAdapter = () =>
  demoAdapter({
    latencyMs: 400,
    schema: {
      fields: [
        ...demoSchema.fields,
        { key: 'restarted', label: 'I restarted the device', type: 'checkbox', onCreate: true } satisfies FieldDef,
      ],
      limits: { ...demoSchema.limits, maxAttachmentBytes: 1024 * 1024 },
    },
  });

/** What a site's stylesheet does for the editor's form and the messages placed beside its controls. */
const EDITOR_STYLES = html`<style>
  .editor-form {
    display: grid;
    gap: 0.75rem;
    max-width: 32rem;
    font-family: Georgia, serif;
  }
  .editor-form label {
    display: block;
    font-weight: 600;
  }
  .editor-form .check label {
    display: inline;
    font-weight: 400;
  }
  .editor-form input:not([type='checkbox']),
  .editor-form select,
  .editor-form textarea {
    width: 100%;
    box-sizing: border-box;
    font: inherit;
    padding: 0.35rem;
  }
  .editor-form [aria-invalid='true'] {
    border-color: light-dark(#b3261e, #f85149);
    outline: 1px solid light-dark(#b3261e, #f85149);
  }
  .editor-form .case-field-error {
    color: light-dark(#b3261e, #f85149);
    font-size: 0.875rem;
    margin-top: 0.25rem;
  }
  .editor-form p {
    margin: 0;
  }
</style>`;

/** The HTML a CMS editor writes: ordinary controls whose names are schema keys. */
const editorForm = (adapter: CaseAdapter) => html`${EDITOR_STYLES}
  <case-create .adapter=${adapter} .now=${storyNow} .draftStorage=${null}>
    <form class="editor-form" id="story-web-form">
      <p><label for="wf-subject">What is it about?</label><input id="wf-subject" name="subject" /></p>
      <p>
        <label for="wf-description">Tell us more</label>
        <textarea id="wf-description" name="description" rows="4"></textarea>
      </p>
      <p>
        <label for="wf-product">Product</label>
        <select id="wf-product" name="fields.product">
          <option value="">Pick your product</option>
          <option value="router-x200">Router X200</option>
          <option value="router-x500">Router X500 Pro</option>
          <option value="switch-s24">Switch S24</option>
        </select>
      </p>
      <p class="check">
        <input type="checkbox" id="wf-restarted" name="fields.restarted" />
        <label for="wf-restarted">I restarted the device</label>
      </p>
      <p>
        <label for="wf-files">Screenshots or logs</label>
        <input id="wf-files" type="file" name="attachments" multiple />
      </p>
      <input type="text" name="_website" hidden tabindex="-1" autocomplete="off" />
      <p><button type="submit">Send request</button></p>
    </form>
  </case-create>`;

/** A control of the editor's form, once the element has loaded the schema and owns the form. */
async function lightControl<T extends HTMLElement>(root: HTMLElement, selector: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const ready = root.querySelector('case-create')?.shadowRoot?.querySelector('[part~="form-error"]');
    const found = root.querySelector<T>(selector);
    if (ready && found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Not ready: ${selector}`);
}

/**
 * Web-form mode: the editor's own `<form>` inside `<case-create>`. Control names map to the
 * schema (`subject`, `description`, `fields.product`, `fields.restarted`, a file input); the
 * element checks, uploads and creates the case, and shows its summary and confirmation around the form.
 */
export const WebFormMode: Story = {
  name: 'Web form mode',
  render: () => editorForm(webFormAdapter()),
};

/**
 * Submitted with a subject only and a file over the limit: each message sits beside its control
 * (linked with aria-describedby), the summary above lists them, focus is on the first, no upload.
 */
export const WebFormWithErrors: Story = {
  name: 'Web form with errors',
  render: () => editorForm(webFormAdapter()),
  play: async ({ canvasElement }) => {
    typeInto(await lightControl<HTMLInputElement>(canvasElement, '[name="subject"]'), 'Router reboots');
    const files = await lightControl<HTMLInputElement>(canvasElement, '[name="attachments"]');
    pickFiles(files, [new File([new Uint8Array(2 * 1024 * 1024)], 'router-log.zip', { type: 'application/zip' })]);
    canvasElement.querySelector<HTMLFormElement>('#story-web-form')!.requestSubmit();
  },
};
