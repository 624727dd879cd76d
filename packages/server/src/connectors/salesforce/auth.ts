import { importPKCS8, SignJWT } from 'jose';
import { createPrivateKey } from 'node:crypto';
import { busy, type VendorLog } from '../vendor-http.js';
import { salesforceLoginUrl, type SalesforceConfig } from './config.js';

/**
 * The server's own Salesforce session: an access token from the OAuth 2.0 token endpoint
 * (`POST /services/oauth2/token`), by the client credentials flow
 * (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm)
 * or the JWT bearer flow (…remoteaccess_oauth_jwt_flow.htm: an RS256 assertion with iss = the
 * connected app's consumer key, sub = the user, aud = the login host, exp within 3 minutes). The
 * answer names the org's `instance_url`, where the REST API lives. Salesforce gives no expiry: a
 * session ends when the org's timeout says, and the API then answers 401 INVALID_SESSION_ID, at
 * which point `refresh` asks for a new token (once per request: see VendorHttp's `reauthenticate`).
 */
export interface SalesforceSession {
  accessToken: string;
  instanceUrl: string;
  /** The user the connector acts as (the last part of the answer's identity URL `id`): its comments are the portal's. */
  userId: string | null;
}

interface TokenAnswer {
  access_token?: unknown;
  instance_url?: unknown;
  id?: unknown;
  error?: unknown;
  error_description?: unknown;
}

export class SalesforceAuth {
  private session: SalesforceSession | null = null;
  private pending: Promise<SalesforceSession> | null = null;

  constructor(
    private readonly config: SalesforceConfig,
    private readonly log: VendorLog,
    private readonly timeoutMs = 10_000,
  ) {}

  /** The current session, signing in first when there is none. */
  async current(): Promise<SalesforceSession> {
    return this.session ?? this.signIn();
  }

  /** The session as it is now (null before the first sign-in): for request headers. */
  peek(): SalesforceSession | null {
    return this.session;
  }

  /** A new token: the old one was refused. Concurrent refreshes share one sign-in. */
  async refresh(): Promise<SalesforceSession> {
    this.session = null;
    return this.signIn();
  }

  private signIn(): Promise<SalesforceSession> {
    this.pending ??= this.requestToken().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async requestToken(): Promise<SalesforceSession> {
    const login = salesforceLoginUrl(this.config);
    const form = new URLSearchParams(await this.grant(login));
    let res: Response;
    try {
      res = await fetch(`${login}/services/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body: form, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      this.log.error({ vendor: 'salesforce', route: 'POST /services/oauth2/token', err: (e as Error).message }, 'the Salesforce token endpoint did not answer');
      throw busy();
    }
    const answer = (await res.json().catch(() => ({}))) as TokenAnswer;
    if (!res.ok || typeof answer.access_token !== 'string' || typeof answer.instance_url !== 'string') {
      // invalid_client, invalid_grant (user not pre-authorized, wrong certificate, clock skew): the admin must act.
      this.log.error({ vendor: 'salesforce', route: 'POST /services/oauth2/token', status: res.status, error: answer.error, description: answer.error_description }, 'Salesforce refused the connector\'s sign-in');
      throw busy();
    }
    this.session = { accessToken: answer.access_token, instanceUrl: this.config.instanceUrl?.replace(/\/$/, '') ?? answer.instance_url, userId: typeof answer.id === 'string' ? (answer.id.split('/').pop() ?? null) : null };
    return this.session;
  }

  private async grant(login: string): Promise<Record<string, string>> {
    const a = this.config.auth;
    if (a.flow === 'client-credentials') return { grant_type: 'client_credentials', client_id: a.clientId, client_secret: a.clientSecret! };
    // PKCS#1 ("BEGIN RSA PRIVATE KEY", what openssl genrsa writes) is converted to PKCS#8 for jose.
    const pem = createPrivateKey(a.privateKey!).export({ type: 'pkcs8', format: 'pem' }).toString();
    const key = await importPKCS8(pem, 'RS256');
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256' })
      .setIssuer(a.clientId)
      .setSubject(a.username)
      .setAudience(login)
      .setExpirationTime('3m')
      .sign(key);
    return { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion };
  }
}
