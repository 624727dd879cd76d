import { expect } from '@open-wc/testing';
import type { Message } from '@case-portal/core';
import { matchesFilter, mergeMessages, sameText } from './messages.js';

const m = (id: string, createdAt: string, body = id): Message => ({
  id,
  caseId: 'c',
  kind: 'comment',
  body,
  author: { id: 'a', name: 'A', role: 'agent' },
  createdAt,
  attachments: [],
  public: true,
});

describe('mergeMessages', () => {
  it('takes a first page that is in order as it is', () => {
    const page = [m('1', '2025-01-01T00:00:00Z'), m('2', '2025-01-01T00:01:00Z'), m('3', '2025-01-01T00:01:00Z')];
    expect(mergeMessages([], page).map((x) => x.id)).to.deep.equal(['1', '2', '3']);
  });

  it('sorts a first page out of order and drops repeated ids (the later copy wins)', () => {
    const page = [m('2', '2025-01-01T00:01:00Z'), m('1', '2025-01-01T00:00:00Z'), m('2', '2025-01-01T00:01:00Z', 'edited')];
    const merged = mergeMessages([], page);
    expect(merged.map((x) => x.id)).to.deep.equal(['1', '2']);
    expect(merged[1]!.body).to.equal('edited');
  });

  it('puts an older page before what is there and keeps arrival order for equal times', () => {
    const now = [m('3', '2025-01-02T00:00:00Z'), m('4', '2025-01-02T00:00:00Z')];
    const older = [m('1', '2025-01-01T00:00:00Z'), m('2', '2025-01-01T00:00:00Z')];
    expect(mergeMessages(older, now).map((x) => x.id)).to.deep.equal(['1', '2', '3', '4']);
    expect(mergeMessages(now, [m('5', '2025-01-02T00:00:00Z')]).map((x) => x.id)).to.deep.equal(['3', '4', '5']);
  });
});

describe('thread filter and text comparison', () => {
  it('counts complaints as comments and events only under all', () => {
    expect(matchesFilter('complaint', 'comments')).to.equal(true);
    expect(matchesFilter('email', 'comments')).to.equal(false);
    expect(matchesFilter('email', 'emails')).to.equal(true);
    expect(matchesFilter('event', 'emails')).to.equal(false);
    expect(matchesFilter('event', 'all')).to.equal(true);
  });

  it('compares text but for whitespace', () => {
    expect(sameText(' a\r\n b ', 'a b')).to.equal(true);
    expect(sameText('a b', 'a c')).to.equal(false);
  });
});
