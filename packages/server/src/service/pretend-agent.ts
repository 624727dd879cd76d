import type { CaseRecord, Message, PersonRef } from '@case-portal/core';
import { DEMO_AGENTS } from '@case-portal/adapter-memory';
import type { FastifyBaseLogger } from 'fastify';
import { permissionsFor } from '../auth/viewer.js';
import type { Caller } from '../backend/types.js';
import { HttpError } from '../http-error.js';
import type { AgentService } from './agent-service.js';

const ANSWERS = [
  'Thanks for the details. We are looking into it and will get back to you shortly.',
  'Thank you. Could you tell us whether this happens on every device or only on one?',
  'We have passed this on to our specialists and will update the case as soon as we know more.',
];
/** A write can meet a newer version (the customer wrote again meanwhile): read again and retry. */
const ATTEMPTS = 3;

/**
 * The demo's help desk (config `pretendAgentMs` > 0): `pretendAgentMs` after each customer reply,
 * the case's owner (or a demo agent) answers it through AgentService, the same path as a real
 * agent's reply, so the status, deadlines, history and events move exactly as they would. One
 * answer per customer reply; agents' own messages are never answered. The timers are this
 * process's: the process that stored the reply answers it.
 */
export class PretendAgent {
  private readonly timers = new Set<NodeJS.Timeout>();
  private answered = 0;

  constructor(
    private readonly agents: AgentService,
    private readonly delayMs: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  /** For `CaseService.onMessage`. */
  readonly hear = (caller: Caller, c: CaseRecord, message: Message): void => {
    if (message.author.role !== 'customer' || message.kind !== 'comment' || !message.public) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.answer(caller.principal.tenant, c);
    }, this.delayMs);
    this.timers.add(timer);
  };

  /** Stops the pending answers (the server is closing). */
  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private async answer(tenant: string, seen: CaseRecord): Promise<void> {
    const agent = this.callerFor(tenant, seen.owner ?? DEMO_AGENTS[0]!);
    const body = ANSWERS[this.answered++ % ANSWERS.length]!;
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        await this.agents.reply(agent, seen.id, { body }, null);
        return;
      } catch (e) {
        // The customer closed the case meanwhile, or it is gone: nothing to answer.
        if (e instanceof HttpError && (e.status === 403 || e.status === 404)) return;
        if (!(e instanceof HttpError && e.status === 409) || attempt === ATTEMPTS) {
          this.log.error({ err: e, caseId: seen.id }, 'pretend agent: could not answer');
          return;
        }
      }
    }
  }

  /** The answering agent as a caller of the agent service (never a token: it lives in this process). */
  private callerFor(tenant: string, person: PersonRef): Caller {
    const viewer = { ...person, account: null, permissions: permissionsFor('agent', this.agents.schema) };
    return { principal: { tenant, personId: person.id, sub: `pretend-agent:${person.id}`, role: 'agent', accountId: null }, viewer };
  }
}
