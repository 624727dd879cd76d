import { expect } from '@open-wc/testing';
import { formatBytes, formatList } from './format.js';

describe('format', () => {
  it('says bytes in the plural and larger sizes in short units', () => {
    expect(formatBytes(1000, 'en')).to.equal('1,000 bytes');
    expect(formatBytes(1, 'en')).to.equal('1 byte');
    expect(formatBytes(40 * 1024 * 1024, 'en')).to.equal('40 MB');
  });

  it('joins lists in the locale’s words', () => {
    expect(formatList(['PDF', 'PNG', 'TXT'], 'en', 'unit')).to.equal('PDF, PNG, TXT');
    expect(formatList(['open', 'closed'], 'en', 'disjunction')).to.equal('open or closed');
    expect(formatList(['a', 'b'], 'de')).to.equal('a und b');
  });
});
