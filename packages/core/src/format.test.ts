import { expect } from '@open-wc/testing';
import { formatBytes, formatDate, formatList, formatRelative, formatWait } from './format.js';

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

  it('says a wait in the locale’s words, rounded up', () => {
    expect(formatWait(20_000, 'en')).to.equal('in 20 seconds');
    expect(formatWait(19_001, 'en')).to.equal('in 20 seconds');
    expect(formatWait(1, 'en')).to.equal('in 1 second');
    expect(formatWait(90_000, 'de')).to.equal('in 90 Sekunden');
    expect(formatWait(91_000, 'en')).to.equal('in 2 minutes');
    expect(formatWait(3 * 3_600_000, 'fr')).to.equal('dans 3 heures');
  });

  it('never throws on a time zone or a date it cannot use', () => {
    const at = '2025-03-01T09:00:00Z';
    expect(formatDate(at, 'en', 'date', 'Mars/Olympus')).to.equal(formatDate(at, 'en', 'date'));
    expect(formatRelative('yesterday', new Date(at), 'en')).to.equal('');
    expect(formatRelative('', new Date(at), 'en')).to.equal('');
  });
});
