import { DEMO_AUTH } from './demo-auth.js';
import { defaultConfig } from './defaults.js';
import type { ServerConfig } from './types.js';

export { DEMO_AUTH } from './demo-auth.js';

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
