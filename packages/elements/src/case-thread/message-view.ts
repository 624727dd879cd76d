import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, formatRelative, statusLabel, type Attachment, type Message, type Option, type PortalSchema, type Viewer } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';
import { attachmentLink } from '../shared/attachment-link.js';
import { heldUntil } from '../shared/held-until.js';
import { textWithLinks } from '../shared/text-with-links.js';
import type { OutgoingMessage } from './messages.js';

/** What a message renders with. */
export interface ThreadView {
  i18n: I18n;
  now: Date;
  timeZone?: string | undefined;
  viewerId: string;
  viewerName: string;
  /** The schema's channels (origins), for "via Phone" instead of "via phone". */
  channels: readonly Option[];
  /** The schema in the element's language, for a status change's new status. */
  schema?: PortalSchema;
  retry(item: OutgoingMessage): void;
}

/** The view for `setup`'s viewer at `now`; `retry` sends a failed message again. */
export function threadView(i18n: I18n, now: Date, setup: { viewer: Viewer; schema: PortalSchema }, retry: ThreadView['retry']): ThreadView {
  const { viewer, schema } = setup;
  return { i18n, now, timeZone: viewer.timeZone, viewerId: viewer.id, viewerName: viewer.name, channels: schema.origins, schema, retry };
}

/** The channel a message came by, when it says more than its kind badge. */
function channelText(m: Message, v: ThreadView): string {
  if (!m.channel || m.kind === 'email') return '';
  const label = v.channels.find((o) => o.value === m.channel)?.label ?? m.channel;
  return v.i18n.t('thread.via', { channel: label });
}

export function renderAttachments(list: readonly Attachment[] | undefined, i18n: I18n): unknown {
  if (!list || list.length === 0) return nothing;
  return html`<ul part="attachments" class="attachments" aria-label=${i18n.t('thread.attachments')}>
    ${list.map((a) => html`<li>${attachmentLink(a, i18n)}</li>`)}
  </ul>`;
}

/**
 * An id base for one message's header parts, so its article can be named by them (author, role,
 * exact time) and a screen reader's list of articles says who wrote what when. Ids are tokens of
 * an IDREF list: no whitespace.
 */
const idFor = (key: string) => `m-${key.replace(/\s/g, '_')}`;

const body = (text: string) =>
  text ? html`<div part="message-body" class="body" dir="auto">${textWithLinks(text, { linkPart: 'message-link' })}</div>` : nothing;

/**
 * One message in one template (the time, channel and body inline, empty ones hidden by CSS):
 * nested templates cost a template instance each, and a long page renders many messages.
 */
export function renderMessage(m: Message, v: ThreadView): TemplateResult {
  // "2 hours ago" to the eye, the exact time on hover and to screen readers (most skip title).
  const t = v.i18n.t.bind(v.i18n);
  const exact = formatDate(m.createdAt, v.i18n.locale, 'datetime', v.timeZone);
  const relative = formatRelative(m.createdAt, v.now, v.i18n.locale);
  if (m.kind === 'event') {
    const to = m.event && statusLabel(m.event.to, v.schema);
    const text = to ? t('thread.statusChanged', { status: to }) : m.body;
    return html`<li part="event" class="event" data-id=${m.id}>
      <p>${text} ·
        <time part="time" datetime=${m.createdAt} title=${exact}><span aria-hidden="true">${relative}</span><span class="visually-hidden">${exact}</span></time>
      </p>
    </li>`;
  }
  const role = m.author.role;
  const own = m.author.id === v.viewerId;
  const id = idFor(m.id);
  return html`<li class="item" data-id=${m.id}>
    <article part=${own ? `message message-${role} message-own` : `message message-${role}`} data-role=${role} data-kind=${m.kind} ?data-own=${own}
      aria-labelledby="${id}-a ${id}-r ${id}-t">
      <header part="message-header">
        <span part="author" class="author" dir="auto" id="${id}-a">${m.author.name}</span>
        <span part="role-badge" class="badge role-${role}" id="${id}-r">${t(`thread.role.${role}`)}</span>
        ${m.kind !== 'comment'
          ? html`<span part="kind-badge" class="badge kind-${m.kind}">${t(`thread.kind.${m.kind}`)}</span>`
          : nothing}
        <span part="channel" class="channel">${channelText(m, v)}</span>
        <time part="time" datetime=${m.createdAt} title=${exact} id="${id}-t"><span aria-hidden="true">${relative}</span><span class="visually-hidden">${exact}</span></time>
      </header>
      <div part="message-body" class="body" dir="auto">${textWithLinks(m.body, { linkPart: 'message-link' })}</div>
      ${m.attachments?.length ? renderAttachments(m.attachments, v.i18n) : nothing}
    </article>
  </li>`;
}

/** A message the customer sent that the backend has not confirmed (yet): "Sending…", or failed with Retry. */
export function renderOutgoing(o: OutgoingMessage, v: ThreadView): TemplateResult {
  const t = v.i18n.t.bind(v.i18n);
  const failed = o.state === 'failed';
  const id = idFor(`out-${o.key}`);
  return html`<li class="item outgoing" data-key=${o.key}>
    <article part="message message-own message-outgoing" data-role="customer" data-kind=${o.kind} data-state=${o.state} aria-labelledby="${id}-a ${id}-s">
      <header part="message-header">
        <span part="author" class="author" id="${id}-a">${v.viewerName}</span>
        ${o.kind === 'complaint'
          ? html`<span part="kind-badge" class="badge kind-complaint">${t('thread.kind.complaint')}</span>`
          : nothing}
        <span part="send-status" class="send-status" data-state=${o.state} id="${id}-s"
          >${failed ? t('thread.failed') : t('thread.sending')}</span
        >
        ${failed
          ? html`<button type="button" part="retry-button" class="link" ?disabled=${heldUntil(o.retryAt)} @click=${() => v.retry(o)}
              >${t('thread.retry')}</button
            >`
          : nothing}
      </header>
      ${body(o.body)} ${renderAttachments(o.attachments, v.i18n)}
    </article>
  </li>`;
}
