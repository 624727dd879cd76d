import { defaultConfig } from './defaults.js';
import type { ServerConfig } from './types.js';

/**
 * The demo's sign-in: a published key, so the demo page (and a curl line in the README) can sign
 * tokens without a host site. Anyone who knows it can sign in as anyone: that is why the demo
 * config listens on 127.0.0.1 only and a real deployment must pass `--config` with its own keys.
 */
export const DEMO_AUTH = {
  issuer: 'case-portal-demo',
  audience: 'case-portal',
  kid: 'demo',
  secret: 'case-portal-demo-secret-published-in-the-readme',
} as const;

/**
 * What `case-portal-server` runs without `--config`: the demo portal on `sqlite:./data/cases.db`,
 * signed in with the demo key, a pretend agent answering every reply after 4 s, and CORS open to
 * the demo page of `npm start` (vite on port 5173).
 */
export function demoConfig(): ServerConfig {
  const c = defaultConfig();
  c.auth = { ...c.auth, issuer: DEMO_AUTH.issuer, audience: DEMO_AUTH.audience, hsKeys: [{ kid: DEMO_AUTH.kid, secret: DEMO_AUTH.secret }] };
  c.pretendAgentMs = 4000;
  c.corsOrigins = ['http://localhost:5173', 'http://127.0.0.1:5173'];
  return c;
}
