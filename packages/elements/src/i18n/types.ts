// The catalog's value types, apart from i18n.ts: catalog files (en/*.ts) need them, and i18n.ts
// imports the catalog, so keeping them there made an import cycle.
export type Params = Record<string, string | number>;
/** A message is a string with {name} placeholders, or a function for plurals and choices. */
export type MessageValue = string | ((p: Params, locale: string) => string);
