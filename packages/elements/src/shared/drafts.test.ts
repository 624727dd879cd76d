/**
 * Issue 13, defect 11: drafts do not outlive the person. They expire, a new viewer in the same
 * browser drops the last one's, and a host clears them all on sign-out with one call.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { clearDrafts, draftKey, isMessageDraft, loadDraft, saveDraft, setDraftLifetime } from './drafts.js';
import { memoryStorage } from '../testing/index.js';
import { CasePortal } from '../index.js';
import { OPEN_CASE, memory, mount, $ } from '../testing/case-thread.js';

const DAY = 86_400_000;
const draft = (body: string) => ({ body, key: `k-${body}` });

/** Moves a stored draft's save time back by `days`. */
function age(storage: Storage, key: string, days: number): void {
  const stored = JSON.parse(storage.getItem(key)!) as { $savedAt: number };
  storage.setItem(key, JSON.stringify({ ...stored, $savedAt: stored.$savedAt - days * DAY }));
}

afterEach(() => setDraftLifetime(7));

describe('drafts: lifetime, viewer, sign-out', () => {
  it('a draft older than the lifetime (7 days by default) is dropped; a younger one is kept', () => {
    const storage = memoryStorage();
    const fresh = draftKey('reply', 'u-alex', 'case-1');
    const old = draftKey('reply', 'u-alex', 'case-2');
    saveDraft(storage, fresh, draft('fresh'));
    saveDraft(storage, old, draft('old'));
    age(storage, fresh, 6);
    age(storage, old, 8);
    expect(loadDraft(storage, fresh, isMessageDraft)).to.deep.equal(draft('fresh'));
    expect(loadDraft(storage, old, isMessageDraft)).to.equal(null);
    expect(storage.getItem(old), 'the expired draft is still stored').to.equal(null);
  });

  it('the lifetime is configurable', () => {
    const storage = memoryStorage();
    const key = draftKey('reply', 'u-alex', 'case-1');
    saveDraft(storage, key, draft('three days'));
    age(storage, key, 3);
    setDraftLifetime(2);
    expect(loadDraft(storage, key, isMessageDraft)).to.equal(null);
    expect(() => setDraftLifetime(0)).to.throw(RangeError);
  });

  it('is stored with its viewer and time; a new viewer drops the last viewer’s drafts', () => {
    const storage = memoryStorage();
    const alex = draftKey('reply', 'u-alex', 'case-1');
    saveDraft(storage, alex, draft('from Alex'));
    const stored = JSON.parse(storage.getItem(alex)!) as Record<string, unknown>;
    expect(stored['$viewer']).to.equal('u-alex');
    expect(stored['$savedAt']).to.be.a('number');
    storage.setItem('site:other', 'kept');
    // Priya signs in on the same computer and opens a case.
    expect(loadDraft(storage, draftKey('reply', 'u-priya', 'case-1'), isMessageDraft)).to.equal(null);
    expect(storage.getItem(alex), 'Alex’s draft is still stored').to.equal(null);
    expect(storage.getItem('site:other')).to.equal('kept');
  });

  it('clearDrafts() removes every draft (and nothing else) for a host’s sign-out; also as CasePortal.clearDrafts()', () => {
    const storage = memoryStorage();
    saveDraft(storage, draftKey('reply', 'u-alex', 'case-1'), draft('a'));
    saveDraft(storage, draftKey('create', 'u-alex'), { subject: 'b' });
    storage.setItem('site:other', 'kept');
    clearDrafts(storage);
    expect(Object.keys(Object.fromEntries([...Array(storage.length).keys()].map((i) => [storage.key(i), 1])))).to.deep.equal([
      'site:other',
    ]);
    // (A storage of the test's own: other test files' tabs share localStorage.)
    const key = draftKey('reply', 'u-alex', 'case-9');
    saveDraft(storage, key, draft('c'));
    expect(CasePortal.clearDrafts).to.be.a('function');
    CasePortal.clearDrafts(storage);
    expect(storage.getItem(key)).to.equal(null);
  });

  it('a reply composer does not bring back an expired draft', async () => {
    const storage = memoryStorage();
    const key = draftKey('reply', 'u-alex', OPEN_CASE);
    saveDraft(storage, key, draft('Typed long ago'));
    age(storage, key, 30);
    const el = await mount(memory(), OPEN_CASE, storage);
    await waitUntil(() => $<HTMLTextAreaElement>(el, '#reply'), 'no composer');
    expect($<HTMLTextAreaElement>(el, '#reply')!.value).to.equal('');
    expect(storage.getItem(key)).to.equal(null);
    el.remove();
  });
});
