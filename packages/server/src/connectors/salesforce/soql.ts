/**
 * SOQL text built from our values, never by pasting what a user typed: ids are checked to be
 * Salesforce ids, strings are quoted with SOQL's escapes (Salesforce SOQL and SOSL Reference,
 * "Quoted String Escape Sequences": \' \" \\ \n \r \t \b \f), and datetimes are written as the
 * unquoted ISO 8601 literals SOQL wants.
 */

/** A Salesforce record id: 15 characters (case-sensitive) or 18 (with the checksum suffix). */
export const SF_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

export function soqlId(id: string): string {
  if (!SF_ID.test(id)) throw new Error(`not a Salesforce id: ${JSON.stringify(id)}`);
  return `'${id}'`;
}

export function soqlString(s: string): string {
  const escaped = s.replace(/[\\'"\n\r\t\b\f]/g, (c) => ({ '\\': '\\\\', "'": "\\'", '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c]!);
  return `'${escaped}'`;
}

/** `2024-05-01T10:00:00Z`: SOQL's dateTime literal (UTC, whole seconds; no quotes). */
export function soqlDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function soqlIdList(ids: string[]): string {
  return `(${ids.map(soqlId).join(', ')})`;
}
