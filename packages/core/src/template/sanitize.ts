/**
 * The compile-time sanitizer for editor templates: an allow-list, applied once to an inert copy.
 *
 * An editor's template is markup from a CMS, so nothing in it may run: no scripts, no event
 * handler attributes, no `javascript:` links, no frames or plugins. Allow-listing (rather than
 * removing known-bad things) means an element or attribute nobody thought about is dropped, not
 * passed. Every removal is reported, so the editor learns why something vanished.
 *
 * Never serialised and re-parsed (the walker edits the DOM tree it was given), so the mutation-XSS
 * tricks that target string sanitizers do not apply.
 */
import { safeUrl } from '../safe-url.js';
import type { TemplateProblem } from './types.js';

const HTML_NS = 'http://www.w3.org/1999/xhtml';

/** Text and layout elements an editor needs for a list row, a card or a details layout. */
const ALLOWED_ELEMENTS = new Set(
  (
    'div span p a strong em b i u s small mark code pre kbd sub sup q blockquote br wbr hr ' +
    'ul ol li dl dt dd h1 h2 h3 h4 h5 h6 main section article header footer aside nav ' +
    'figure figcaption img time abbr table thead tbody tfoot tr th td caption label details summary slot'
  ).split(' '),
);

/**
 * Removed together with their content: they run code, load documents, hold raw text that is not
 * meant as visible content, or (svg, math) bring their own script and link semantics.
 * Any other unknown element is unwrapped: its tag goes, its (sanitized) content stays.
 */
const REMOVED_WITH_CONTENT = new Set(
  (
    'script style iframe frame frameset object embed applet svg math template noscript noembed ' +
    'noframes link meta base title head portal fencedframe'
  ).split(' '),
);

/** Attributes allowed on every allowed element (plus aria-* and data-*). */
const ALLOWED_ATTRIBUTES = new Set(
  (
    'class id part title lang dir role hidden tabindex alt datetime colspan rowspan scope ' +
    'width height href src target rel slot open'
  ).split(' '),
);

/**
 * Attributes a browser treats as URLs: a `javascript:` value in any of them may run code, so every
 * value (static or data-driven) passes safeUrl(). Only href and src are allowed on plain elements;
 * the rest matter for `case-*` elements, which may carry any attribute that is not a handler.
 */
export const URL_ATTRIBUTES = new Set([
  'href',
  'src',
  'action',
  'formaction',
  'xlink:href',
  'poster',
  'cite',
  'background',
  'longdesc',
  'lowsrc',
  'dynsrc',
  'ping',
  'manifest',
  'codebase',
  'data',
  'icon',
]);

/**
 * Attributes of `case-*` elements that choose where requests go or what code runs: inside a
 * template (an editor's, or markup a value could reach) they would point the viewer's requests and
 * token at another server (`<case-portal api="https://other.example">`). The page sets them on
 * the element outside the template; a `case-*` element inside uses the surrounding one's backend.
 */
const BACKEND_ATTRIBUTE = /^(?:api|token-url|adapter|config|base-url|endpoint)$|(?:^|-)(?:api|endpoint|token)(?:-|$)/;

/** `case-*` elements: the library's own sub-elements an editor may place (case-thread, …). */
export function isCaseElement(tag: string): boolean {
  return tag.startsWith('case-');
}

/**
 * `name` only where it means something harmless (slot names, case-* properties): on img and
 * similar it creates a named property on `document` that can shadow a built-in (DOM clobbering).
 */
function attributeAllowed(tag: string, name: string): boolean {
  if (isCaseElement(tag)) return true;
  if (name === 'name') return tag === 'slot';
  return ALLOWED_ATTRIBUTES.has(name) || name.startsWith('aria-') || name.startsWith('data-');
}

/** Sanitizes `root` in place. `root` must live in an inert document: nothing in it may load. */
export function sanitizeTree(root: ParentNode, report: (p: TemplateProblem) => void): void {
  for (const child of Array.from(root.childNodes)) {
    if (child.nodeType === Node.ELEMENT_NODE) sanitizeElement(child as Element, report);
    else if (child.nodeType !== Node.TEXT_NODE && child.nodeType !== Node.COMMENT_NODE) child.remove();
  }
}

function sanitizeElement(el: Element, report: (p: TemplateProblem) => void): void {
  const tag = el.localName;
  const label = `<${tag}>`;
  if (el.namespaceURI !== HTML_NS || REMOVED_WITH_CONTENT.has(tag)) {
    el.remove();
    report({
      kind: 'removed-element',
      detail: label,
      message: `Removed ${label} and everything inside it: scripts, styles, frames, plugins and embedded SVG or MathML are not allowed in templates.`,
    });
    return;
  }
  sanitizeTree(el, report);
  if (!ALLOWED_ELEMENTS.has(tag) && !isCaseElement(tag)) {
    el.replaceWith(...Array.from(el.childNodes));
    report({
      kind: 'removed-element',
      detail: label,
      message: `Removed the ${label} tag (its content is kept): only text and layout elements, <slot> and case-* elements are allowed in templates.`,
    });
    return;
  }
  sanitizeAttributes(el, tag, report);
}

function sanitizeAttributes(el: Element, tag: string, report: (p: TemplateProblem) => void): void {
  for (const attr of Array.from(el.attributes)) {
    const name = attr.name.toLowerCase();
    const why = name.startsWith('on')
      ? 'event handler attributes run code'
      : name === 'style'
        ? "inline styles are blocked by a strict Content-Security-Policy; use a class"
        : isCaseElement(tag) && !/^(?:data|aria)-/.test(name) && BACKEND_ATTRIBUTE.test(name)
          ? 'attributes that choose the backend or load code are not allowed in templates (set them on the element outside the template)'
          : attributeAllowed(tag, name)
          ? null
          : 'it is not on the list of allowed attributes';
    if (why) {
      el.removeAttributeNode(attr);
      report({
        kind: 'removed-attribute',
        detail: `<${tag} ${name}>`,
        message: `Removed the ${name} attribute from <${tag}>: ${why}.`,
      });
    } else if (URL_ATTRIBUTES.has(name) && !staticUrlSafe(attr.value)) {
      el.removeAttributeNode(attr);
      report({
        kind: 'unsafe-url',
        detail: `<${tag} ${name}="${clip(attr.value)}">`,
        message: `Removed the ${name} attribute from <${tag}>: "${clip(attr.value)}" is not a safe URL (only http, https, mailto and relative URLs are allowed).`,
      });
    }
  }
  if (el.hasAttribute('target')) forceNoopener(el, tag, report);
}

/**
 * The editor's own part of a URL must be safe. With placeholders, the text before the first one
 * decides only if it already holds a scheme: `javascript:{{x}}` can never become safe, while
 * `/cases/{{id}}` is checked again, whole, at every render.
 */
function staticUrlSafe(value: string): boolean {
  const brace = value.indexOf('{{');
  if (brace < 0) return safeUrl(value) !== null;
  return safeUrl(value.slice(0, brace) + 'x') !== null;
}

/**
 * A link that opens another browsing context must not hand it `window.opener`, nor leak the
 * portal's URL (it may carry case ids) as a referrer. Applied to any target, not only _blank:
 * a named target opens a new window as well. A rel with placeholders is replaced, not trusted.
 */
function forceNoopener(el: Element, tag: string, report: (p: TemplateProblem) => void): void {
  const rel = el.getAttribute('rel') ?? '';
  const dynamic = rel.includes('{{');
  if (dynamic) {
    report({
      kind: 'removed-attribute',
      detail: `<${tag} rel>`,
      message: `Replaced the rel attribute of <${tag}> with "noopener noreferrer": a link with a target may not take its rel from data.`,
    });
  }
  const tokens = new Set(dynamic ? [] : rel.split(/\s+/).filter(Boolean));
  tokens.add('noopener');
  tokens.add('noreferrer');
  el.setAttribute('rel', [...tokens].join(' '));
}

function clip(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}
