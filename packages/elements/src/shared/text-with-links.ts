import { html, type TemplateResult } from 'lit';
import { safeUrl } from '@case-portal/core';

/**
 * Plain text → Lit template parts: line breaks kept (as <br>), http/https/mailto URLs made into links.
 * Links are built from the text (never by parsing HTML) and every href passes core's safeUrl().
 * Anything else, including `<img onerror>` or `javascript:` text, stays inert text.
 */
export interface TextWithLinksOptions {
  /** The ::part name of each link. Default "link". */
  linkPart?: string;
  /** Open links in a new tab (with rel=noopener). Default true: a link must not leave the portal. */
  newTab?: boolean;
}

// Scheme + anything up to whitespace or characters that never end a URL in prose.
const URL_RE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"»”’)\]}]$/;

/** Strips prose punctuation from a URL's end; keeps a ")" that closes a "(" inside the URL. */
export function trimUrl(candidate: string): string {
  let url = candidate;
  while (url.length > 0 && TRAILING.test(url)) {
    const last = url[url.length - 1];
    if (last === ')' && count(url, '(') >= count(url, ')')) break;
    if (last === ']' && count(url, '[') >= count(url, ']')) break;
    url = url.slice(0, -1);
  }
  return url;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (const c of s) if (c === ch) n++;
  return n;
}

export type TextSegment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string } | { type: 'break' };

/** The text split into text, link and line-break segments (pure, for tests and other renderers). */
export function linkifySegments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((line, i) => {
    if (i > 0) out.push({ type: 'break' });
    let last = 0;
    for (const m of line.matchAll(URL_RE)) {
      const start = m.index ?? 0;
      const raw = trimUrl(m[0]);
      const href = raw.length > 'mailto:'.length ? safeUrl(raw) : null;
      if (!href) continue;
      if (start > last) out.push({ type: 'text', text: line.slice(last, start) });
      out.push({ type: 'link', text: raw, href });
      last = start + raw.length;
    }
    if (last < line.length) out.push({ type: 'text', text: line.slice(last) });
  });
  return out;
}

/** Renders text with kept line breaks and safe links. Put it in any element: `<p>${textWithLinks(body)}</p>`. */
export function textWithLinks(text: string, options: TextWithLinksOptions = {}): Array<string | TemplateResult> {
  const part = options.linkPart ?? 'link';
  const newTab = options.newTab ?? true;
  return linkifySegments(text).map((s) => {
    if (s.type === 'text') return s.text;
    if (s.type === 'break') return html`<br />`;
    return newTab
      ? html`<a part=${part} href=${s.href} target="_blank" rel="noopener noreferrer nofollow">${s.text}</a>`
      : html`<a part=${part} href=${s.href} rel="noopener noreferrer nofollow">${s.text}</a>`;
  });
}
