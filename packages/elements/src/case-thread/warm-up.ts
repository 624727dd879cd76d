import { html, render } from 'lit';
import type { Message } from '@case-portal/core';
import type { WarmUp } from '../shared/warm-up.js';
import { renderMessage, renderOutgoing, type ThreadView } from './message-view.js';
import { renderReplyForm } from './composer-view.js';

const noop = (): void => {};

/**
 * Renders one of each kind of conversation item and the reply form into a detached fragment, so
 * the first conversation a customer opens finds its templates prepared and its code compiled.
 */
export const warmThreadTemplates: WarmUp = (setup, i18n) => {
  const { viewer, schema } = setup;
  const at = new Date().toISOString();
  const view: ThreadView = {
    i18n,
    now: new Date(),
    timeZone: viewer.timeZone,
    viewerId: viewer.id,
    viewerName: viewer.name,
    channels: schema.origins,
    retry: noop,
  };
  const base = { caseId: 'warm-up', createdAt: at, public: true, attachments: [] };
  const customer = { id: viewer.id, name: viewer.name, role: 'customer' as const };
  const agent = { id: 'warm-up-agent', name: 'Agent', role: 'agent' as const };
  const status = schema.statuses[0];
  const samples: Message[] = [
    {
      ...base,
      id: 'warm-up-1',
      kind: 'comment',
      author: customer,
      channel: 'web',
      body: 'A line\nand a link https://example.com/a',
      attachments: [{ id: 'warm-up-file', name: 'a.txt', type: 'text/plain', size: 1, url: 'https://example.com/a.txt' }],
    },
    { ...base, id: 'warm-up-2', kind: 'email', author: agent, channel: 'email', body: 'An email' },
    ...(status ? [{ ...base, id: 'warm-up-3', kind: 'event' as const, author: agent, body: '', event: { from: null, to: status } }] : []),
  ];
  const outgoing = (state: 'sending' | 'failed') => ({ key: `warm-up-${state}`, kind: 'comment' as const, body: 'Reply', attachments: [], state, createdAt: at });
  render(
    html`<ol>
        ${samples.map((m) => renderMessage(m, view))} ${renderOutgoing(outgoing('sending'), view)} ${renderOutgoing(outgoing('failed'), view)}
      </ol>
      ${renderReplyForm({
        i18n,
        body: '',
        sending: false,
        error: '',
        files: schema.features.attachments
          ? { queue: { items: [] }, limits: schema.limits, onPick: noop, onRemove: noop, onRetry: noop }
          : undefined,
        drop: { active: false, onDragEnter: noop, onDragOver: noop, onDragLeave: noop, onDrop: noop, onPaste: noop },
        onSubmit: noop,
        onInput: noop,
        onKeydown: noop,
      })}`,
    document.createDocumentFragment(),
  );
};
