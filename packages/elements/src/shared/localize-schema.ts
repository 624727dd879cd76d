// The schema's `translations` applied (core's localizeSchema): CaseElement's setup loads this only for
// a schema that has them (a chunk of its own in the single file), before the first render with data.
export { localizeSchema } from '@case-portal/core';
