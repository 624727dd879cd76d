import { html, type TemplateResult } from 'lit';
import { safeUrl } from '@case-portal/core';

/**
 * Plain text → Lit template parts: http/https/mailto URLs made into links, line breaks kept as
 * newline characters (the container shows them with `white-space: pre-line`). Links are built from
 * the text (never by parsing HTML) and every href passes core's safeUrl(). Anything else, including
 * `<img onerror>` or `javascript:` text, stays inert text.
 *
 * Text without links comes back as one string, one text node: a conversation of a thousand
 * messages renders a thousand text nodes, not one part per line.
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

export type TextSegment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

/** The text (line ends normalised to "\n") split into text and link segments (pure, for tests and other renderers). */
export function linkifySegments(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  const normal = text.replace(/\r\n?/g, '\n');
  let last = 0;
  for (const m of normal.matchAll(URL_RE)) {
    const start = m.index ?? 0;
    const raw = trimUrl(m[0]);
    const href = raw.length > 'mailto:'.length ? safeUrl(raw) : null;
    if (!href) continue;
    if (start > last) out.push({ type: 'text', text: normal.slice(last, start) });
    out.push({ type: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < normal.length) out.push({ type: 'text', text: normal.slice(last) });
  return out;
}

/**
 * Renders text with safe links. Put it in an element that keeps line breaks:
 * `<p style="white-space: pre-line">${textWithLinks(body)}</p>` (through a stylesheet, not inline).
 */
export function textWithLinks(text: string, options: TextWithLinksOptions = {}): string | Array<string | TemplateResult> {
  const segments = linkifySegments(text);
  if (segments.every((s) => s.type === 'text')) return segments.map((s) => s.text).join('');
  const part = options.linkPart ?? 'link';
  const newTab = options.newTab ?? true;
  return segments.map((s) => {
    if (s.type === 'text') return s.text;
    return newTab
      ? html`<a part=${part} href=${s.href} target="_blank" rel="noopener noreferrer nofollow">${s.text}</a>`
      : html`<a part=${part} href=${s.href} rel="noopener noreferrer nofollow">${s.text}</a>`;
  });
}
