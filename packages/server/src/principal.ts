/**
 * Who a request is, as the server decides it from the verified token alone (never from the body,
 * the query or a header the browser controls). Every module below the routes takes one.
 */
export type Role = 'customer' | 'supervisor' | 'agent';

export interface Principal {
  /** One server can serve several host sites; case numbers and event logs are per tenant. Default "default". */
  tenant: string;
  /** Our id of the person: `Viewer.id`, `PersonRef.id`, the requester id of their cases. */
  personId: string;
  /** The host site's id for them (JWT `sub`). */
  sub: string;
  role: Role;
  /** Our id of their account (JWT `org`), when they have one. */
  accountId: string | null;
}
