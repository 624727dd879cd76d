import { expect } from '@open-wc/testing';
import { isRecordId } from './ids.js';
import { keyForRequest, RequestKey, requestFingerprint } from './request-keys.js';

describe('ids', () => {
  it('takes the ids both backends make and nothing that could change a request path', () => {
    for (const ok of ['case-00012345', 'c_4f1e2d3c4b5a69788796a5b4c3d2e1f0', 'A', 'x'.repeat(100)]) expect(isRecordId(ok), ok).to.equal(true);
    for (const bad of ['', '.', '..', '../me', 'a/b', 'a?b', 'a#b', '%2e', 'a b', 'x'.repeat(101), 'é', null, 42]) {
      expect(isRecordId(bad), String(bad)).to.equal(false);
    }
  });

  it('fingerprints a request by its content, whatever the order of its keys', () => {
    const a = requestFingerprint({ body: 'Hi', attachmentIds: ['a1'], kind: 'comment' });
    expect(requestFingerprint({ kind: 'comment', attachmentIds: ['a1'], body: 'Hi' })).to.equal(a);
    expect(requestFingerprint({ kind: 'comment', attachmentIds: ['a1'], body: 'Hi', skipped: undefined })).to.equal(a);
    expect(requestFingerprint({ kind: 'comment', attachmentIds: ['a1'], body: 'Hi!' })).to.not.equal(a);
    expect(requestFingerprint({ kind: 'comment', attachmentIds: ['a1', 'a2'], body: 'Hi' })).to.not.equal(a);
    expect(requestFingerprint({ changes: { subject: 'x' }, version: 3 })).to.not.equal(requestFingerprint({ changes: { subject: 'x' }, version: 4 }));
  });

  it('keeps a key for the same request and makes a new one for another', () => {
    const first = keyForRequest({ key: 'k1' }, { body: 'Hi' });
    expect(first.key, 'a key never sent is used for the first request').to.equal('k1');
    expect(keyForRequest(first, { body: 'Hi' })).to.deep.equal(first);
    const edited = keyForRequest(first, { body: 'Hi there' });
    expect(edited.key).to.not.equal('k1');
    expect(edited.sentAs).to.not.equal(first.sentAs);
    expect(keyForRequest(undefined, { body: 'Hi' }).key).to.be.a('string').and.not.equal('');
  });

  it('holds one key per request in memory until reset', () => {
    const key = new RequestKey();
    const a = key.for({ rating: 4 });
    expect(key.for({ rating: 4 })).to.equal(a);
    const b = key.for({ rating: 5 });
    expect(b).to.not.equal(a);
    expect(key.saved.key).to.equal(b);
    key.reset();
    expect(key.for({ rating: 5 })).to.not.equal(b);
    expect(new RequestKey({ key: 'restored', sentAs: requestFingerprint({ rating: 5 }) }).for({ rating: 5 })).to.equal('restored');
  });
});
