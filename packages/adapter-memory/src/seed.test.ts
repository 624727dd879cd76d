import { expect } from '@open-wc/testing';
import { demoSchema } from './schema.js';
import { DEFAULT_CASE_COUNT, DEFAULT_SEED, generateCases, seedThread } from './seed.js';

/**
 * The default seed's cases and threads, byte for byte, as the generator made them at a985f43
 * (before the stories were written more compactly to shrink the memory adapter's chunk). Tests and
 * stories rely on those cases' ids, numbers, subjects and statuses: a change to how the seed is
 * written must not change what it makes. If the seed's data is changed on purpose, record the new
 * fingerprint here in the same commit.
 */
const DEFAULT_SEED_SHA256 = 'e98d335ccd2a6ea5a21b4530615487516b23793c1c8fab8422a4347d3ca629af';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('seed', () => {
  it('makes the same default cases and threads as before', async () => {
    const ctx = { seed: DEFAULT_SEED, caseCount: DEFAULT_CASE_COUNT, seededAt: Date.parse('2025-03-10T12:00:00Z'), schema: demoSchema };
    const cases = generateCases(ctx);
    const threads = cases.map((c, i) => seedThread(ctx, i, c));
    expect(cases).to.have.length(64);
    expect(await sha256(JSON.stringify({ cases, threads }))).to.equal(DEFAULT_SEED_SHA256);
  });
});
