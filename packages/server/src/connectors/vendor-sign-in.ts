import type { Kysely } from 'kysely';
import type { TokenClaims } from '../auth/verify-token.js';
import type { Backend } from '../backend/types.js';
import type { Tables } from '../db/tables.js';
import { HttpError } from '../http-error.js';
import { rememberSignIn } from './remember-sign-in.js';
import { SignInCache } from './sign-in-cache.js';

/** What a connector makes of the vendor's person it found for a sign-in. */
export interface VendorPerson {
  /** The portal's id for them (the connector's `personIdOf` the vendor's id). */
  id: string;
  /** Empty or absent: the token's name. */
  name: string | null | undefined;
  /** Absent: the token's e-mail address, if any. */
  email: string | null | undefined;
  account: { id: string; name: string } | null;
}

export interface VendorSignInOptions<T> {
  /** The help desk's name, for the refusal an agent's token gets. */
  vendor: string;
  /** Where the sign-in is remembered (the `people` table: a download link names only a person). */
  db: Kysely<Tables>;
  /** The vendor's person for these claims (its API), or an HttpError (none, ambiguous, no e-mail). */
  find: (claims: TokenClaims) => Promise<T>;
  person: (found: T) => VendorPerson;
}

/**
 * A portal sign-in on a vendor's help desk, the same for every connector: an agent's token is
 * refused (agents work in the vendor's own tool), the vendor's person is found once per sign-in for
 * a while (SignInCache), the claims fill what the vendor leaves empty, and a sign-in the vendor was
 * asked about again is remembered in the `people` table, where the download route finds the role
 * and account of the person a signed link names.
 */
export class VendorSignIn<T> {
  private readonly cache = new SignInCache<T>();

  constructor(private readonly o: VendorSignInOptions<T>) {}

  readonly personFromClaims: Backend['personFromClaims'] = async (tenant, claims) => {
    if (claims.role === 'agent') throw new HttpError(403, 'forbidden', `Agents work in ${this.o.vendor} itself, not in the portal.`);
    const { value, fresh } = await this.cache.get(tenant, claims, () => this.o.find(claims));
    const found = this.o.person(value);
    const person = {
      principal: { tenant, personId: found.id, sub: claims.sub, role: claims.role, accountId: found.account?.id ?? null },
      name: found.name || claims.name,
      email: found.email ?? claims.email ?? null,
      account: found.account,
    };
    if (fresh) await rememberSignIn(this.o.db, person);
    return person;
  };
}
