import { expect } from '@open-wc/testing';
import { applyPatch } from './validate.js';
import type { CaseRecord } from './model.js';

// Only what applyPatch reads and writes; the rest of a case is carried over untouched.
const stored = { id: 'c_1', version: 4, subject: 'Printer offline', priority: 'low', category: null, fields: { product: 'x100', seats: 3 } } as unknown as CaseRecord;

describe('applyPatch (every backend that stores cases itself)', () => {
  it('applies a patch: the subject trimmed, an empty priority as none, custom fields as given; the stored case untouched', () => {
    const { next, changed } = applyPatch(stored, { subject: '  Printer offline again ', priority: '', category: 'billing', seats: 5 });
    expect(changed).to.equal(true);
    expect(next).to.deep.include({ subject: 'Printer offline again', priority: null, category: 'billing', version: 4 });
    expect(next.fields).to.deep.equal({ product: 'x100', seats: 5 });
    expect(stored.fields, 'the stored case is not changed').to.deep.equal({ product: 'x100', seats: 3 });
    expect(stored.subject).to.equal('Printer offline');
  });

  it('tells a patch that changes nothing (the same values, a subject differing only by spaces)', () => {
    expect(applyPatch(stored, { subject: ' Printer offline ', priority: 'low', category: '', seats: 3 }).changed).to.equal(false);
    expect(applyPatch(stored, {}).changed).to.equal(false);
  });
});
