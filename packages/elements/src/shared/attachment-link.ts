import { html, type TemplateResult } from 'lit';
import { formatBytes, safeDownloadUrl, type Attachment } from '@case-portal/core';
import type { I18n } from '../i18n/i18n.js';

/**
 * One attachment as a download link with its size. The link always carries `download`, so even a
 * file a backend serves as HTML is saved, never opened in the portal's origin; URLs that are not
 * safe to download (script schemes, active data: types) show the name without a link.
 */
export function attachmentLink(a: Attachment, i18n: I18n): TemplateResult {
  const href = safeDownloadUrl(a.url);
  const size = html`<span part="attachment-size" class="hint"
    >${i18n.t('attachment.size', { size: formatBytes(a.size, i18n.locale) })}</span
  >`;
  return href
    ? html`<a part="attachment" href=${href} download=${a.name} rel="noopener noreferrer">${a.name}</a> ${size}`
    : html`<span part="attachment">${i18n.t('attachment.unavailable', { name: a.name })}</span> ${size}`;
}
