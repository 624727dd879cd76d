import { ZENDESK_PORTAL_STATUSES } from '../connectors/zendesk/portal.js';
import { zendeskConfigProblems, type ZendeskConfig } from '../connectors/zendesk/config.js';
import { salesforceConfigProblems, type SalesforceConfig } from '../connectors/salesforce/config.js';
import type { ServerConfig } from './types.js';
import { creatioConfigProblems, type CreatioConfig } from '../connectors/creatio/config.js';
import { CREATIO_PORTAL_STATUSES } from '../connectors/creatio/portal.js';

/** `backend`: the server's own database (absent, null or `{ kind: "sql" }`) or a connector's settings, checked by the connector. */
export function backendProblems(c: ServerConfig, env: NodeJS.ProcessEnv): string[] {
  const b = c.backend as unknown;
  if (b === null || b === undefined) return [];
  if (typeof b !== 'object' || Array.isArray(b)) return ['backend: expected an object like { "kind": "zendesk", … }'];
  const kind = (b as { kind?: unknown }).kind;
  if (kind === 'sql') return Object.keys(b).length === 1 ? [] : ['backend: { "kind": "sql" } takes no other keys'];
  if (kind === 'zendesk') {
    const problems = zendeskConfigProblems(b as ZendeskConfig, ZENDESK_PORTAL_STATUSES.map((s) => s.id), env);
    // The demo's pretend agent writes as an agent of the server's own database; Zendesk's agents answer in Zendesk.
    if (c.pretendAgentMs > 0) problems.push('pretendAgentMs: the pretend agent works on the server\'s own database only; set it to 0 with backend zendesk');
    return problems;
  }
  if (kind === 'salesforce') {
    const problems = salesforceConfigProblems(b as SalesforceConfig, env);
    if (c.pretendAgentMs > 0) problems.push('pretendAgentMs: the pretend agent works on the server\'s own database only; set it to 0 with backend salesforce');
    return problems;
  }
  if (kind === 'creatio') {
    const problems = creatioConfigProblems(b as CreatioConfig, CREATIO_PORTAL_STATUSES.map((s) => s.id), env);
    if (c.pretendAgentMs > 0) problems.push('pretendAgentMs: the pretend agent works on the server\'s own database only; set it to 0 with backend creatio');
    return problems;
  }
  return [`backend.kind: ${JSON.stringify(kind)} is not a backend (one of sql, zendesk, salesforce, creatio)`];
}
