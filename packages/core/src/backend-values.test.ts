import { expect } from '@open-wc/testing';
import { isDateString, isLocale, isTimeZone, repairCase, repairViewer, type BackendProblem } from './backend-values.js';
import type { CaseRecord } from './model.js';

const CASE: CaseRecord = {
  id: 'c1',
  number: '1',
  subject: 's',
  description: 'd',
  status: { id: 'open', label: 'Open', category: 'open' },
  origin: 'web',
  requester: { id: 'p', name: 'P' },
  createdAt: '2025-03-01T09:00:00Z',
  updatedAt: '2025-03-01T09:00:00Z',
  reopenCount: 0,
  fields: {},
  attachments: [],
  version: 1,
};

describe('values from a backend', () => {
  it('tells time zones, locales and dates Intl can use from the rest', () => {
    expect(['Europe/Berlin', 'UTC', 'America/Argentina/Buenos_Aires'].every(isTimeZone)).to.equal(true);
    expect(['Mars/Olympus', '', 'Europe/Berlin ', 42, null].some(isTimeZone)).to.equal(false);
    expect(['en', 'de-DE', 'zh-Hant-TW'].every(isLocale)).to.equal(true);
    expect(['not a locale!', '', 'en_US_x_y_z_', 7].some(isLocale)).to.equal(false);
    expect(isDateString('2025-03-01T09:00:00Z')).to.equal(true);
    expect(['yesterday', '', 0, null].some(isDateString)).to.equal(false);
  });

  it('returns a sound value itself, untouched and unreported', () => {
    const problems: BackendProblem[] = [];
    const viewer = { id: 'p', name: 'P', permissions: [], timeZone: 'Europe/Berlin', locale: 'de' } as const;
    expect(repairViewer({ ...viewer, permissions: [] }, (p) => problems.push(p))).to.deep.equal({ ...viewer, permissions: [] });
    expect(repairCase(CASE, (p) => problems.push(p))).to.equal(CASE);
    expect(problems).to.deep.equal([]);
  });

  it('repairs a copy and leaves the original as the backend sent it', () => {
    const bad = { ...CASE, updatedAt: 'soon' };
    const problems: BackendProblem[] = [];
    const fixed = repairCase(bad, (p) => problems.push(p));
    expect(fixed).to.not.equal(bad);
    expect(fixed.updatedAt).to.equal('');
    expect(bad.updatedAt).to.equal('soon');
    expect(problems).to.deep.equal([{ path: 'case "c1".updatedAt', value: 'soon', message: 'case "c1".updatedAt: "soon" is not a date; shown as no date.' }]);
  });
});
