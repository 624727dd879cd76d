/**
 * Safe templates for CMS editors: ordinary HTML with `{{path | filter:arg}}` placeholders.
 *
 * Why it is safe:
 * - The editor's markup is copied into an inert document (nothing loads, nothing runs) and
 *   sanitized there once, against an allow-list (sanitize.ts).
 * - Data only ever reaches `Text.data` and `setAttribute()`: it is never parsed as HTML, so there
 *   is no innerHTML, no eval and no Function, and the engine works under a strict CSP with
 *   Trusted Types enforced.
 * - Every URL attribute is checked whole with safeUrl() at every render; an unsafe one is left out.
 * - Every filled text sits in its own `<bdi>`: customer text keeps its own direction on any page.
 *
 * Why it is fast: placeholders are parsed and located once per template. An instance keeps direct
 * references to its text nodes and attributes, and `update()` writes only what changed: a
 * virtualized list refills a few dozen rows, it does not rebuild them.
 */
import { safeUrl } from '../safe-url.js';
import { isSafePath, lookup, parseSegments, type Placeholder } from './placeholders.js';
import { sanitizeTree, URL_ATTRIBUTES } from './sanitize.js';
import { normalizeOrigins, RESOURCE_ATTRIBUTES, safeResourceSrcset, safeResourceUrl } from './resource-urls.js';
import type {
  CompiledTemplate,
  TemplateFilter,
  TemplateInstance,
  TemplateOptions,
  TemplateProblem,
} from './types.js';

/** A placeholder resolved once against the options: what rendering needs, nothing more. */
interface Binding {
  /** null: unknown or malformed (reported at compile time); renders as empty text. */
  readonly path: readonly string[] | null;
  readonly pathText: string;
  readonly filters: readonly { readonly fn: TemplateFilter; readonly arg: string | undefined }[];
}

/** Where a value goes: `node` counts elements and text nodes in tree order (the same in every copy). */
type Slot =
  | { readonly kind: 'text'; readonly node: number; readonly binding: Binding }
  | {
      readonly kind: 'attr';
      readonly node: number;
      readonly name: string;
      readonly parts: readonly (string | Binding)[];
      /** How the filled value is checked: a link (safeUrl), a fetched resource (origin too), a srcset, or not at all. */
      readonly check: 'url' | 'resource' | 'srcset' | null;
    };

/** NodeFilter.SHOW_ELEMENT | SHOW_TEXT, as a literal: core is also imported where there is no DOM (Node). */
const SHOW = 0x1 | 0x4;

/**
 * Default text for a value shown without a filter: strings as they are, numbers and booleans via
 * String(), arrays joined with ", ", everything else (null, objects) empty: never "[object Object]".
 */
export function formatTemplateValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'bigint':
    case 'boolean':
      return String(value);
  }
  if (Array.isArray(value)) return value.map(formatTemplateValue).filter((s) => s !== '').join(', ');
  return '';
}

/** Compiles a template once; see the module comment. The source itself is never modified. */
export function compileTemplate(
  source: HTMLTemplateElement | DocumentFragment,
  options: TemplateOptions = {},
): CompiledTemplate {
  const problems: TemplateProblem[] = [];
  const seen = new Set<string>();
  const report = (p: TemplateProblem): void => {
    const key = `${p.kind}\n${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  };

  // A document without a browsing context: an <img onerror> in the copy neither loads nor fires.
  const inert = document.implementation.createHTMLDocument('');
  const master = inert.importNode(source instanceof DocumentFragment ? source : source.content, true);
  sanitizeTree(master, report);
  const slots = collectSlots(master, (p) => bind(p, options, report));
  const origins = normalizeOrigins(options.resourceOrigins);

  return {
    problems: Object.freeze(problems),
    create(data) {
      const fragment = document.importNode(master, true);
      const instance = new Instance(Array.from(fragment.childNodes), slots, locate(fragment, slots), options, origins);
      instance.update(data);
      return instance;
    },
  };
}

/**
 * Replaces every placeholder in the master copy with an empty Text node (text) or removes the
 * attribute holding it (so a copy never requests `src="{{url}}"`), then numbers the places.
 */
function collectSlots(master: DocumentFragment, bindOne: (p: Placeholder) => Binding): Slot[] {
  const texts = new Map<Text, Binding>();
  const attrs = new Map<Element, { name: string; parts: (string | Binding)[] }[]>();
  const doc = master.ownerDocument;
  const all: Node[] = [];
  for (let w = doc.createTreeWalker(master, SHOW), n = w.nextNode(); n; n = w.nextNode()) all.push(n);

  for (const node of all) {
    if (node instanceof Element) {
      for (const attr of Array.from(node.attributes)) {
        if (!attr.value.includes('{{')) continue;
        const segments = parseSegments(attr.value);
        if (segments.every((s) => typeof s === 'string')) continue;
        const list = attrs.get(node) ?? [];
        list.push({ name: attr.name, parts: segments.map((s) => (typeof s === 'string' ? s : bindOne(s))) });
        attrs.set(node, list);
        node.removeAttributeNode(attr);
      }
    } else if ((node as Text).data.includes('{{')) {
      const segments = parseSegments((node as Text).data);
      // Customer text has its own direction: an LTR subject on an RTL page must not become "?Router…".
      // Each filled text is isolated in a <bdi>, unless the editor gave its element a dir of their own.
      const isolate = !node.parentElement?.hasAttribute('dir');
      const replacement = segments.map((s) => {
        if (typeof s === 'string') return doc.createTextNode(s);
        const slot = doc.createTextNode('');
        texts.set(slot, bindOne(s));
        if (!isolate) return slot;
        const bdi = doc.createElement('bdi');
        bdi.append(slot);
        return bdi;
      });
      (node as Text).replaceWith(...replacement);
    }
  }

  const slots: Slot[] = [];
  let index = 0;
  for (let w = doc.createTreeWalker(master, SHOW), n = w.nextNode(); n; n = w.nextNode(), index++) {
    const binding = texts.get(n as Text);
    if (binding) slots.push({ kind: 'text', node: index, binding });
    for (const a of attrs.get(n as Element) ?? []) {
      const name = a.name.toLowerCase();
      const check = name.endsWith('srcset')
        ? 'srcset'
        : RESOURCE_ATTRIBUTES.has(name)
          ? 'resource'
          : URL_ATTRIBUTES.has(name)
            ? 'url'
            : null;
      slots.push({ kind: 'attr', node: index, name: a.name, parts: a.parts, check });
    }
  }
  return slots;
}

function bind(p: Placeholder, options: TemplateOptions, report: (p: TemplateProblem) => void): Binding {
  const known = p.path !== null && isSafePath(p.path) && (options.isKnownPath?.(p.path) ?? true);
  if (!known) {
    report({
      kind: 'unknown-placeholder',
      detail: p.path ?? p.expression,
      message: `Unknown placeholder "{{${p.expression}}}": it renders as empty text.`,
    });
    return { path: null, pathText: p.expression, filters: [] };
  }
  const path = p.path!;
  const filters: { fn: TemplateFilter; arg: string | undefined }[] = [];
  for (const f of p.filters) {
    const first = filters.length === 0;
    const fn = ownFilter(options.filters, f.name) ?? (f.name === 'default' ? defaultFilter(path, options, first) : undefined);
    if (fn) filters.push({ fn, arg: f.arg });
    else {
      report({
        kind: 'unknown-filter',
        detail: f.name,
        message: `Unknown filter "${f.name}" in "{{${p.expression}}}": the value is shown without it.`,
      });
    }
  }
  return { path: path.split('.'), pathText: path, filters };
}

/** Own properties only: `{{x | constructor}}` must not find Object's constructor. */
function ownFilter(filters: TemplateOptions['filters'], name: string): TemplateFilter | undefined {
  return filters && Object.hasOwn(filters, name) ? filters[name] : undefined;
}

/**
 * `{{owner.name | default:Unassigned}}`: the argument when the value is empty. First in a chain it
 * gets the raw value and formats it as a plain placeholder would (option labels, typed fields);
 * later it gets the previous filter's text.
 */
function defaultFilter(path: string, options: TemplateOptions, first: boolean): TemplateFilter {
  return (value, arg) => {
    const text = first && options.format ? options.format(value, path) : asText(value);
    return text === '' ? (arg ?? '') : text;
  };
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : formatTemplateValue(value);
}

function render(b: Binding, data: unknown, options: TemplateOptions): string {
  if (!b.path) return '';
  const value = lookup(data, b.path);
  if (b.filters.length === 0) return asText(options.format ? options.format(value, b.pathText) : value);
  let out: unknown = value;
  for (const f of b.filters) out = asText(f.fn(out, f.arg));
  return out as string;
}

/** Finds each slot's node in a fresh copy by walking it once, in the order the slots were numbered. */
function locate(fragment: DocumentFragment, slots: readonly Slot[]): Node[] {
  const walker = document.createTreeWalker(fragment, SHOW);
  let index = -1;
  let node: Node | null = null;
  return slots.map((slot) => {
    while (index < slot.node) {
      node = walker.nextNode();
      index++;
    }
    return node!;
  });
}

class Instance implements TemplateInstance {
  /** What each slot last received (attribute: the text before the URL check), to skip unchanged ones. */
  readonly #last: (string | undefined)[];

  constructor(
    readonly nodes: readonly Node[],
    private readonly slots: readonly Slot[],
    private readonly targets: readonly Node[],
    private readonly options: TemplateOptions,
    private readonly origins: ReadonlySet<string>,
  ) {
    this.#last = slots.map(() => undefined);
  }

  update(data: unknown): void {
    this.slots.forEach((slot, i) => {
      const text =
        slot.kind === 'text'
          ? render(slot.binding, data, this.options)
          : slot.parts.map((p) => (typeof p === 'string' ? p : render(p, data, this.options))).join('');
      if (text === this.#last[i]) return;
      this.#last[i] = text;
      const target = this.targets[i]!;
      if (slot.kind === 'text') {
        (target as Text).data = text;
        return;
      }
      const value =
        slot.check === 'url'
          ? safeUrl(text)
          : slot.check === 'resource'
            ? safeResourceUrl(text, this.origins)
            : slot.check === 'srcset'
              ? safeResourceSrcset(text, this.origins)
              : text;
      if (value === null) {
        (target as Element).removeAttribute(slot.name);
        if (text.trim() === '') return;
        // Not a safe URL at all (javascript:…) is data's problem; a fetchable one of another site is the editor's to allow.
        if (slot.check !== 'url' && (slot.check === 'srcset' || safeUrl(text) !== null)) {
          this.options.onBlockedResource?.(slot.name, text, (target as Element).localName);
        } else this.options.onUnsafeUrl?.(slot.name, text);
      } else {
        (target as Element).setAttribute(slot.name, value);
      }
    });
  }
}
