/**
 * The tables as Kysely sees them. Cases keep their indexed columns (scope, status, sort keys) beside
 * `doc`, the whole CaseRecord as JSON text: one read answers a case, the columns answer lists.
 * Dates are ISO 8601 text on both databases, so they sort as strings and round-trip exactly.
 */
export interface SequenceRow {
  tenant: string;
  name: string;
  next_value: number;
}

export interface AccountRow {
  tenant: string;
  id: string;
  org: string;
  name: string;
}

export interface PersonRow {
  tenant: string;
  id: string;
  sub: string;
  role: string;
  name: string;
  email: string | null;
  account_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseRow {
  tenant: string;
  id: string;
  number: string;
  requester_id: string;
  account_id: string | null;
  status: string;
  origin: string;
  /** number + subject + description, lower-cased: the keyword search's haystack. */
  search_text: string;
  subject: string;
  created_at: string;
  updated_at: string;
  version: number;
  doc: string;
}

export interface CaseContactRow {
  tenant: string;
  case_id: string;
  person_id: string;
}

export interface MessageRow {
  tenant: string;
  id: string;
  case_id: string;
  /** Position in the case's thread (1, 2, …): pages walk it, newest first. */
  seq: number;
  public: number;
  created_at: string;
  doc: string;
}

export interface StatusChangeRow {
  tenant: string;
  case_id: string;
  seq: number;
  at: string;
  from_status: string | null;
  to_status: string;
  by_doc: string | null;
  reason: string | null;
}

/** Who copied whom on a case (migration 0006-participant-history, store/participant-history.ts). */
export interface ParticipantChangeRow {
  tenant: string;
  case_id: string;
  seq: number;
  at: string;
  kind: 'participant-added' | 'participant-removed';
  person_id: string;
  /** The person as named then: `{ id, name, email? }` as JSON. */
  person_doc: string;
  /** Who made the change: `{ id, name, role }` as JSON. */
  by_doc: string;
  /** How many status changes the case had when this was written (the merge's tie-break). */
  after_status_seq: number;
}

export interface FeedbackRow {
  tenant: string;
  case_id: string;
  person_id: string;
  rating: number;
  comment: string | null;
  submitted_at: string;
}

export interface IdempotencyRow {
  tenant: string;
  person_id: string;
  key: string;
  operation: string;
  request_hash: string;
  /** 'pending' while the first request runs, then 'done'. */
  state: string;
  status_code: number | null;
  response: string | null;
  created_at: string;
}

/** One event of the log (events/event-log.ts); `id` counts per tenant in commit order. */
export interface EventRow {
  tenant: string;
  /** bigint: pg hands it back as a string, SQLite as a number. */
  id: number | string;
  case_id: string;
  at: string;
  requester_id: string;
  account_id: string | null;
  contact_ids: string;
  internal: number;
  event: string;
}

/**
 * One uploaded file (migration 0003-files). Unclaimed (`case_id` null) it belongs to its uploader
 * alone; claiming sets the case (and the message it came with) exactly once.
 */
export interface AttachmentRow {
  tenant: string;
  id: string;
  /** The uploader (`people.id`): only they may claim it. */
  person_id: string;
  /** The safe display name (files/safe-name.ts), never a path on disk. */
  name: string;
  /** The allow-list's type for the file (core's allowedFileType), never the browser's claim. */
  type: string;
  size: number | string;
  blob_key: string;
  /** SHA-256 of the bytes (hex): an upload retried under its Idempotency-Key must match it. */
  sha256: string;
  created_at: string;
  case_id: string | null;
  message_id: string | null;
  claimed_at: string | null;
}

/** A file's bytes in the database (files: db): `complete` once every chunk is written. */
export interface BlobRow {
  key: string;
  size: number | string;
  complete: number;
  created_at: string;
}

export interface BlobChunkRow {
  key: string;
  seq: number;
  data: Buffer;
}

/**
 * How many cases a scope holds per status (migration 0005-status-counts, kept by triggers on
 * `cases`): scope 'tenant' (key ''), 'requester' (key: people.id) or 'account' (key: accounts.id).
 */
export interface CaseStatusCountRow {
  tenant: string;
  scope: string;
  key: string;
  status: string;
  /** bigint: pg hands it back as a string, SQLite as a number. */
  n: number | string;
}

export interface Tables {
  sequences: SequenceRow;
  accounts: AccountRow;
  people: PersonRow;
  cases: CaseRow;
  case_contacts: CaseContactRow;
  messages: MessageRow;
  status_changes: StatusChangeRow;
  participant_changes: ParticipantChangeRow;
  feedback: FeedbackRow;
  idempotency: IdempotencyRow;
  events: EventRow;
  attachments: AttachmentRow;
  blobs: BlobRow;
  blob_chunks: BlobChunkRow;
  case_status_counts: CaseStatusCountRow;
}
