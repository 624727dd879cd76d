import type { Attachment, CaseFile, CaseQuery, CaseRecord, HistoryEntry, Message, MessageKind, Page, ParticipantChange, ParticipantInput, PersonRef, StatusChange, Viewer } from '@case-portal/core';
import type { TokenClaims } from '../auth/verify-token.js';
import type { PublishedEvent } from '../events/types.js';
import type { Principal } from '../principal.js';
import type { Readable } from 'node:stream';

/** Who is asking, as every backend call receives it: the verified principal and their viewer. */
export interface Caller {
  principal: Principal;
  viewer: Viewer;
}

/** A page of cases as JSON text: each item is one CaseRecord as the store keeps it (valid JSON, never parsed on the way). */
export interface JsonPage extends Omit<Page<CaseRecord>, 'items'> {
  items: string[];
}

/** What one write adds besides the case itself. */
export interface CaseWrite {
  /** The case after the write (version and updatedAt already advanced by the service). */
  next: CaseRecord;
  messages?: Message[];
  /** Internal notes are stored but never returned to customer or supervisor tokens. */
  statusChange?: StatusChange;
  feedback?: { rating: number; comment: string | null; submittedAt: string };
  /** Uploads that this write attaches (claimed inside the same transaction). */
  attach?: { ids: string[]; messageId: string | null };
  /** The people copied on the case changed: the store's contact rows become `next.contacts`. */
  contactsChanged?: boolean;
  /** Who was copied or taken off by this write, for the history (stored with the contact rows). */
  participantChanges?: ParticipantChange[];
  events: PublishedEvent[];
}

/**
 * Upload metadata the core needs from the files module (helper H5's `attachments` repository):
 * claim a viewer's unclaimed uploads for a case or message inside the write's transaction, and list
 * a case's files. Without one configured, any attachment id is refused as unknown.
 */
export interface AttachmentClaims {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  claim(trx: any, principal: Principal, ids: string[], target: { caseId: string; messageId: string | null }): Promise<Attachment[] | { error: string }>;
}

/**
 * What the server needs from a case system. The SQL store implements it; connectors (Salesforce,
 * Zendesk) will implement the same. Reads take the caller and answer only within their scope: a case
 * outside it is `null`, exactly like a case that does not exist. Policy is not here: the service
 * layer above decides what is allowed.
 */
export interface Backend {
  /** The person behind a verified token, created or updated from its claims on first sight. */
  personFromClaims(tenant: string, claims: TokenClaims): Promise<{ principal: Principal; name: string; email: string | null; account: { id: string; name: string } | null }>;
  listCases(caller: Caller, query: CaseQuery, limit: number): Promise<Page<CaseRecord>>;
  /** The same page with each case as its stored JSON text, for a backend that keeps cases as JSON (lists are answered without parsing them). */
  listCaseJson?(caller: Caller, query: CaseQuery, limit: number): Promise<JsonPage>;
  getCase(caller: Caller, id: string): Promise<CaseRecord | null>;
  /**
   * Public messages (internal notes only for agents), the newest page first, oldest-first within a
   * page; with `kinds`, only messages of those kinds (pages and total count those only).
   */
  listMessages(caller: Caller, caseId: string, cursor: string | null, limit: number, kinds?: MessageKind[]): Promise<Page<Message>>;
  /**
   * The case's history, oldest first: status changes, and with `participants` who copied whom
   * (addresses unredacted: the route redacts per viewer). Without it, status changes only (what
   * the agents' API and clients from before the participant entries read).
   */
  listHistory(caller: Caller, caseId: string, opts?: { participants?: boolean }): Promise<HistoryEntry[]>;
  listFiles(caller: Caller, caseId: string): Promise<CaseFile[]>;
  /** A new case: `build` receives the tenant's next case number (never reused, even when a later step fails). */
  createCase(caller: Caller, build: (number: number) => CaseWrite): Promise<CaseRecord>;
  /** Applies a write if the stored version is still `expectedVersion`; false when someone was faster. */
  saveCase(caller: Caller, expectedVersion: number, write: CaseWrite): Promise<boolean>;
  /** Several cases at once (an agent's merge or link): all are stored, or none when one was changed meanwhile. */
  saveCases(caller: Caller, writes: { expectedVersion: number; write: CaseWrite }[]): Promise<boolean>;
  /**
   * The people these inputs name, in order (null for none): `{ id }` a colleague (same account as
   * the caller), `{ email }` anyone of the tenant who has signed in with that address (any case of
   * letters). Agents are never among them.
   */
  findPeople(caller: Caller, inputs: ParticipantInput[]): Promise<(PersonRef | null)[]>;
  /** The caller's colleagues: other customers and supervisors of their account, by name, without addresses. */
  listColleagues(caller: Caller): Promise<PersonRef[]>;
  /**
   * A file the vendor keeps (not in the server's `attachments` table), for the person a download URL
   * was signed for, only while they may read it (the same scope as `getCase`, and a public message
   * for a message's file); null otherwise. Connectors whose files live at the vendor implement it.
   */
  openFile?(who: { tenant: string; personId: string }, id: string): Promise<RemoteFile | null>;
  close(): Promise<void>;
}

/** A vendor's file on its way to the browser through the download route. */
export interface RemoteFile {
  name: string;
  type: string;
  size: number;
  body: Readable;
}
