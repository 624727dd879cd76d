/**
 * What a browser test reads of a connector's fake vendor (connector-test-servers.ts answers these,
 * test/servers/case-server.mjs passes them to the page): the same shape for every vendor, so one
 * whole-portal test runs on each. Types only: the browser side imports this file too.
 */

/** The host site's customer, as the browser test signs them in (the JWT's claims). */
export interface SeedCustomer {
  sub: string;
  name: string;
  email: string;
  org: string;
}

/** One file as the vendor keeps it: its bytes, so a test compares them with what it sent. */
export interface VendorFile {
  name: string;
  size: number;
  sha256: string;
  /** The bytes, base64. */
  base64: string;
}

/** One case as the vendor keeps it, in portal terms where the two differ. */
export interface VendorCase {
  /** The portal's id of the case (what the page shows in its links and the API answers). */
  id: string;
  /** The number the portal shows. */
  number: string;
  subject: string;
  /** The vendor's own status value (Zendesk: new, open, pending, hold, solved, closed). */
  vendorStatus: string;
  /** Whether the vendor counts the case as done (Zendesk: solved or closed). */
  done: boolean;
  /** The thread the customer sees (public only), oldest first; the first is the description where the vendor keeps it as one. */
  messages: { body: string; byCustomer: boolean; files: VendorFile[] }[];
}

/** What the vendor holds for one customer: the cases they requested, newest first. */
export interface VendorView {
  cases: VendorCase[];
}
