import type { CaseAdapter, CaseRecord, StatusCategory } from '@case-portal/core';
import { MemoryAdapter } from '@case-portal/adapter-memory';

// Failing, hanging and wrapped adapters: packages/elements/src/testing (shared with the tests).

/** One fixed "now" for every story, so screenshots and deadlines don't drift. */
export const STORY_NOW = new Date('2026-03-10T12:00:00Z');
export const storyNow = () => STORY_NOW;

/** A fresh, unpersisted demo backend. */
export function demoAdapter(options: ConstructorParameters<typeof MemoryAdapter>[0] = {}): MemoryAdapter {
  return new MemoryAdapter({ storage: null, now: storyNow, ...options });
}

/** The signed-in customer's first case in a status category. */
export async function caseIn(adapter: CaseAdapter, category: StatusCategory): Promise<CaseRecord> {
  const page = await adapter.listCases({ view: 'mine', categories: [category], limit: 50 });
  const found = page.items[0];
  if (!found) throw new Error(`The demo data has no case in category ${category}`);
  return found;
}
