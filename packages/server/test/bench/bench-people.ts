/**
 * Who the benches sign in as: the people `seed --cases N` generated, with tokens signed as a host
 * site signs them (support/server.ts: HS256 under our kid), carrying exactly the claims the seed
 * stored, so signing in finds each person as seeded.
 */
import { FINISHED_CATEGORIES, type CaseRecord, type Page } from '@case-portal/core';
import { bulkCustomer, bulkPlan, bulkSupervisor, type BulkSignIn } from '../../src/seed/bulk-seed.js';
import { call, tokenFor, type RunningServer } from '../support/server.js';

/** The portal's first request for a customer's list: `RestAdapter.listCases({ sort: updatedAt desc, limit: schema.limits.pageSize })`. */
export const FIRST_PAGE = `/cases?${new URLSearchParams({ sort: 'updatedAt:desc', limit: '25' })}`;
/** The same list in a supervisor's account view. */
export const ACCOUNT_PAGE = `/cases?${new URLSearchParams({ view: 'account', sort: 'updatedAt:desc', limit: '25' })}`;

export const signIn = (p: BulkSignIn) => tokenFor(p);

/**
 * Tokens of `count` customers spread evenly over all the seed's customers of a run of `cases`
 * (so their cases lie all over the table, not in its first pages).
 */
export async function customerTokens(cases: number, count: number): Promise<string[]> {
  const { customers } = bulkPlan(cases);
  const n = Math.min(count, customers);
  return Promise.all(Array.from({ length: n }, (_, i) => signIn(bulkCustomer(Math.floor((i * customers) / n)))));
}

export const supervisorToken = () => signIn(bulkSupervisor());

/** Cases a customer may still reply to (not closed, canceled or merged), with the customer's token: replies go there. */
export async function replyTargets(server: Pick<RunningServer, 'url'>, tokens: string[]): Promise<{ token: string; caseId: string }[]> {
  const targets: { token: string; caseId: string }[] = [];
  for (const token of tokens) {
    const res = await call(server, FIRST_PAGE, { token });
    if (res.status !== 200) throw new Error(`GET ${FIRST_PAGE} answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as Page<CaseRecord>;
    for (const c of page.items) if (!FINISHED_CATEGORIES.includes(c.status.category)) targets.push({ token, caseId: c.id });
  }
  return targets;
}
