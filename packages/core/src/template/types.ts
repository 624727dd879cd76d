/** The public shapes of the template engine; see template.ts for how they behave. */

/**
 * Turns a value into display text, e.g. `date`, `relative`, `label:priorities`. Supplied by the
 * caller (the element knows the locale and the schema); the engine adds only `default:text`.
 * The first filter in a chain receives the raw value, later ones the previous filter's text.
 */
export type TemplateFilter = (value: unknown, arg?: string) => string;

export type TemplateProblemKind =
  | 'unknown-placeholder'
  | 'unknown-filter'
  | 'removed-element'
  | 'removed-attribute'
  | 'unsafe-url';

/** Something the editor wrote that the engine did not keep as written; shown to editors. */
export interface TemplateProblem {
  readonly kind: TemplateProblemKind;
  /** What it is about: `fieldz.x`, `datee`, `<script>`, `<img onerror>`. */
  readonly detail: string;
  /** One English sentence naming the thing and what happened to it. */
  readonly message: string;
}

export interface TemplateOptions {
  /**
   * Whether data can hold this dotted path; an unknown one is reported and renders empty.
   * Default: any well-formed path. Paths through `__proto__`, `constructor` or `prototype` are
   * always unknown.
   */
  isKnownPath?(path: string): boolean;
  /** Filters by name. A caller's `default` replaces the built-in one. */
  filters?: Readonly<Record<string, TemplateFilter>>;
  /** Text for a value shown without a filter. Default: formatTemplateValue(). */
  format?(value: unknown, path: string): string;
  /**
   * Called when data puts an unsafe URL into a URL attribute (the attribute is left out). That is
   * data, not an editor's mistake, so it is not a problem; use this to log it while developing.
   */
  onUnsafeUrl?(attribute: string, value: string): void;
  /**
   * Origins (`https://cdn.example`) a resource-loading attribute (src, srcset, poster, data,
   * background, …) filled from data may point at, besides this page's own. Default: none.
   */
  resourceOrigins?: readonly string[];
  /**
   * Called when data put a URL of another origin into a resource-loading attribute (it is left
   * out): the editor may want to list that origin. `tag` is the element's name.
   */
  onBlockedResource?(attribute: string, value: string, tag: string): void;
}

export interface CompiledTemplate {
  /** Everything removed or not understood at compile time, each reported once. */
  readonly problems: readonly TemplateProblem[];
  /** A fresh copy of the template filled with `data`. */
  create(data: unknown): TemplateInstance;
}

export interface TemplateInstance {
  /**
   * The instance's top-level nodes, fixed for its lifetime: append them once, or render them as a
   * Lit child value (`html\`<li>${instance.nodes}</li>\``: Lit renders an array of Nodes as is).
   */
  readonly nodes: readonly Node[];
  /** Refills the same nodes; only text and attributes whose text changed are touched. */
  update(data: unknown): void;
}
