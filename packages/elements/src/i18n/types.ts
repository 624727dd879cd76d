// The catalog's value types, apart from i18n.ts: catalog files (en/*.ts, locales/*.ts) need them, and
// i18n.ts imports the catalog, so keeping them there made an import cycle. Types only: nothing here
// reaches the bundle.
export type Params = Record<string, string | number>;

/** A message function that reads the params `P` (a plural, a choice): see en/plural.ts. */
export type Msg<P extends string> = (p: { readonly [K in P]: string | number }, locale: string) => string;

/**
 * A message is a string with {name} placeholders, or a function for plurals and choices. (`never`:
 * any function's params are accepted here; `CheckedCatalog` says which ones a key's function takes.)
 */
export type MessageValue = string | ((p: never, locale: string) => string);

/** The names in a message's placeholders: `Placeholders<'{name} in {place}'>` is `'name' | 'place'`. */
export type Placeholders<S extends string> = S extends `${string}{${infer N}}${infer Rest}` ? N | Placeholders<Rest> : never;

/** The params a message takes: its placeholders, or what its function reads. */
export type ParamsOf<V> = V extends string ? Placeholders<V> : V extends (p: infer A, locale: string) => string ? keyof A & string : never;

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * What a complete catalog must be, given the reference (English) catalog `Ref` and a catalog `C`
 * written `as const`: every key of `Ref`, none else; a string takes exactly the reference's
 * placeholders; a function reads no param the reference does not give.
 */
export type CheckedCatalog<Ref, C> = {
  readonly [K in keyof Ref]: K extends keyof C
    ? C[K] extends string
      ? Same<Placeholders<C[K]>, ParamsOf<Ref[K]>> extends true
        ? C[K]
        : `${K & string}: use exactly the placeholders {${ParamsOf<Ref[K]>}}`
      : Msg<ParamsOf<Ref[K]>>
    : MessageValue;
} & { readonly [K in Exclude<keyof C, keyof Ref>]: never };
