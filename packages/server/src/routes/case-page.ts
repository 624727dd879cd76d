import type { CaseRecord } from '@case-portal/core';
import type { FastifyReply } from 'fastify';
import type { JsonPage } from '../backend/types.js';
import { mayHoldUnsignedUrl } from '../files/signed-urls.js';

/** What one viewer's answer does to each case on its way out (what the parsed path does to objects). */
export interface ViewerRules {
  /** Whether `shown` may change anything for this viewer (not for agents: they see every address). */
  redacts: boolean;
  /** The case as this viewer may see it (case-routes' `shownTo`): the same object when nothing is hidden. */
  shown: (c: CaseRecord) => CaseRecord;
  /** A value with its attachment URLs signed for this viewer (the files module's `signFor`): the same value when it holds none. */
  sign?: (c: CaseRecord) => CaseRecord;
}

/**
 * Where a stored case's text can copy someone in: `"contacts":[{`. The store writes its JSON with
 * JSON.stringify, so a non-empty `contacts` list always shows as this (whitespace allowed anyway),
 * while inside a string every `"` is escaped: a subject can make this match (parsed for nothing),
 * never hide a real list from it.
 */
const MAY_COPY_SOMEONE = /"contacts"\s*:\s*\[\s*\{/;

/**
 * One stored case's text as this viewer gets it, and whether URLs were signed in it: the stored text
 * itself when nothing in it changes for them, which the text alone tells for most cases (no one
 * copied, no attachment URL). Only a case that may hold either is parsed, and it goes out as stored
 * unless hiding the addresses of the people copied (`shown`) or signing its URLs (`sign`) changed
 * it: then as JSON.stringify makes the changed case, byte for byte what the parsed path sends.
 */
export function caseTextFor(stored: string, rules: ViewerRules): { text: string; signed: boolean } {
  const redact = rules.redacts && MAY_COPY_SOMEONE.test(stored);
  const sign = rules.sign !== undefined && mayHoldUnsignedUrl(stored);
  if (!redact && !sign) return { text: stored, signed: false };
  const c = JSON.parse(stored) as CaseRecord;
  const shown = redact ? rules.shown(c) : c;
  const out = sign ? rules.sign!(shown) : shown;
  return { text: out === c ? stored : JSON.stringify(out), signed: out !== shown };
}

/**
 * A page of cases answered from the JSON text the store keeps, without parsing and serializing each
 * case again (parsing ten stored cases and serializing the page was ~0.2 ms of a customer's list
 * request, README "Bench"). The text is the one `JSON.stringify` makes of the page object: items,
 * total, nextCursor, statusCounts, in that order.
 *
 * A string payload skips Fastify's preSerialization hooks, so what the parsed path does to each case
 * happens here (`caseTextFor`): the addresses of the people copied are hidden from whoever may not
 * see them, attachment URLs are signed for this viewer, and an answer that carries signed URLs must
 * not be kept by any cache. The contract check (test mode) reads JSON text in its onSend hook.
 */
export function sendJsonPage(reply: FastifyReply, page: JsonPage, rules: ViewerRules): FastifyReply {
  let items = '';
  let signed = false;
  for (let i = 0; i < page.items.length; i++) {
    const stored = page.items[i]!;
    const one = caseTextFor(stored, rules);
    // The files module's hook keeps caches off an answer in which it signed anything: the same here.
    signed ||= one.signed;
    items += i ? `,${one.text}` : one.text;
  }
  const counts = page.statusCounts === undefined ? '' : `,"statusCounts":${JSON.stringify(page.statusCounts)}`;
  if (signed) reply.header('cache-control', 'private, no-store');
  return reply.type('application/json; charset=utf-8').send(`{"items":[${items}],"total":${page.total},"nextCursor":${JSON.stringify(page.nextCursor)}${counts}}`);
}
