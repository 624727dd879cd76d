/**
 * The demo's sign-in: a published key, so the demo host page (npm start) and a curl line in the
 * README can sign tokens without a host site. Anyone who knows it can sign in as anyone: that is why
 * the demo config listens on 127.0.0.1 only and a real deployment must pass `--config` with its own
 * keys. A file of its own without imports, so the demo host (vite.demo.config.ts) can read it.
 */
export const DEMO_AUTH = {
  issuer: 'case-portal-demo',
  audience: 'case-portal',
  kid: 'demo',
  secret: 'case-portal-demo-secret-published-in-the-readme',
} as const;
