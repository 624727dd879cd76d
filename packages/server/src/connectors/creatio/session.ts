import { busy, type VendorLog } from '../vendor-http.js';
import type { CreatioConfig } from './config.js';

/**
 * The connector's own sign-in to Creatio, renewed when Creatio says it expired:
 * - forms: `POST /ServiceModel/AuthService.svc/Login` with `{ UserName, UserPassword }` answers
 *   `{ Code: 0 }` and the cookies `.ASPXAUTH`, `BPMCSRF`, `BPMLOADER`, `UserName`; every later
 *   request sends the cookies back and the BPMCSRF value as the `BPMCSRF` header (Creatio refuses
 *   writes without it: CSRF protection since 7.10).
 *   https://academy.creatio.com/docs/8.x/dev/development-on-creatio-platform/integrations-and-api/authentication/authentication-basics/references/authservice-svc
 * - oauth: the Identity Service's token endpoint (`/connect/token`, client credentials grant), then
 *   `Authorization: Bearer`.
 *   https://academy.creatio.com/docs/8.x/setup-and-administration/on-site-deployment/deployment-additional-setup/identity-service/connect-the-identity-service
 * One sign-in at a time: concurrent requests that find the session expired wait for the same one.
 */
export class CreatioSession {
  private headers: Record<string, string> | null = null;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly config: CreatioConfig,
    private readonly log: VendorLog,
    private readonly timeoutMs = 10_000,
  ) {}

  /** The credential headers of the current session (empty before the first sign-in). */
  current(): Record<string, string> {
    return this.headers ?? {};
  }

  /** Signs in unless a session exists. */
  async ensure(): Promise<void> {
    if (!this.headers) await this.renew();
  }

  /** Signs in again (the session expired); callers arriving meanwhile share the one sign-in. */
  renew(): Promise<void> {
    this.pending ??= this.signIn().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async signIn(): Promise<void> {
    const auth = this.config.auth;
    try {
      this.headers = auth.kind === 'forms' ? await this.forms(auth.userName, auth.password ?? '') : await this.oauth(auth.identityUrl, auth.clientId, auth.clientSecret ?? '');
    } catch (e) {
      this.headers = null;
      this.log.error({ vendor: 'creatio', auth: auth.kind, err: (e as Error).message }, 'signing in to Creatio failed');
      throw busy();
    }
  }

  private async forms(userName: string, password: string): Promise<Record<string, string>> {
    const res = await fetch(`${this.baseUrl}/ServiceModel/AuthService.svc/Login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', forceusesession: 'true', accept: 'application/json' },
      body: JSON.stringify({ UserName: userName, UserPassword: password }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const answer = (await res.json().catch(() => null)) as { Code?: number; Message?: string } | null;
    if (!res.ok || answer?.Code !== 0) throw new Error(`AuthService.svc/Login answered ${res.status}, Code ${answer?.Code ?? '?'}: ${answer?.Message ?? ''}`);
    const cookies = new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const csrf = cookies.get('BPMCSRF');
    if (!cookies.get('.ASPXAUTH') || !csrf) throw new Error('AuthService.svc/Login set no .ASPXAUTH or BPMCSRF cookie');
    return { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), bpmcsrf: csrf, forceusesession: 'true' };
  }

  private async oauth(identityUrl: string, clientId: string, clientSecret: string): Promise<Record<string, string>> {
    const res = await fetch(`${identityUrl.replace(/\/+$/, '')}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const answer = (await res.json().catch(() => null)) as { access_token?: string; error?: string } | null;
    if (!res.ok || typeof answer?.access_token !== 'string') throw new Error(`the token endpoint answered ${res.status}: ${answer?.error ?? ''}`);
    return { authorization: `Bearer ${answer.access_token}` };
  }
}
