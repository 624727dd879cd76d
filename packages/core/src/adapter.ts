import type { BackendProblem } from './backend-values.js';
import type {
  Attachment,
  CaseFile,
  CaseRecord,
  CaseView,
  FieldValue,
  Message,
  MessageKind,
  PersonRef,
  PortalSchema,
  StatusCategory,
  StatusChange,
  Viewer,
} from './model.js';

/** Every call can be cancelled: elements abort stale work so it never renders. */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Writes carry an idempotency key: the same key twice makes one record, not two. */
export interface WriteOptions extends CallOptions {
  idempotencyKey?: string;
}

export interface UploadOptions extends CallOptions {
  onProgress?: (loaded: number, total: number) => void;
  /**
   * One key per file, reused for its retries: a retry after a lost answer gets the first upload
   * back instead of leaving an orphan file on the backend. Default: a fresh key per call.
   */
  idempotencyKey?: string;
}

export type SortDirection = 'asc' | 'desc';

export interface SortSpec {
  /** A built-in key (number, subject, status, origin, owner, createdAt, updatedAt) or a custom field key. */
  key: string;
  dir: SortDirection;
}

/** A filter on a custom field: a value (choice, text contains) or a date/number range. */
export type FieldFilter =
  | { op: 'eq'; value: string | number | boolean }
  | { op: 'in'; values: string[] }
  | { op: 'contains'; value: string }
  | { op: 'range'; from?: string | number | null; to?: string | number | null };

export interface CaseQuery {
  view?: CaseView;
  /** Matches number, subject and description, case-insensitively. */
  keyword?: string;
  /** Status ids; several are OR-ed. */
  statuses?: string[];
  categories?: StatusCategory[];
  origins?: string[];
  fields?: Record<string, FieldFilter>;
  sort?: SortSpec;
  cursor?: string | null;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  /** Matches across all pages. */
  total: number;
  /** Pass back to get the next page; null when there is none. */
  nextCursor: string | null;
  /** Per-status-id counts for the query without its status filter (lists only). */
  statusCounts?: Record<string, number>;
}

export interface MessageQuery {
  /** Newest messages first come in the first page; the cursor pages to older ones. */
  cursor?: string | null;
  limit?: number;
  /**
   * Only messages of these kinds (the thread's "Emails" asks for `['email']`): the backend filters,
   * so pages, cursors and `total` count matching messages only and an email on an old page is found
   * without loading the pages before it. A cursor belongs to the filter it was made with.
   */
  kinds?: MessageKind[];
}

/** Someone to copy on a case: any address, or a colleague picked from `listColleagues` by id. */
export type ParticipantInput = { email: string } | { id: string };

export interface CaseInput {
  subject: string;
  description: string;
  /** People to copy on the new case (schema.participants allows it and says how many). */
  participants?: ParticipantInput[];
  service?: string | null;
  category?: string | null;
  priority?: string | null;
  fields?: Record<string, FieldValue>;
  attachmentIds?: string[];
}

export interface CasePatch {
  /** Built-in editable keys (subject, priority, category) or custom field keys. */
  changes: Record<string, FieldValue>;
  /** The version the customer saw: a newer one on the backend is a conflict. */
  version: number;
}

export type TransitionAction = 'close' | 'cancel' | 'reopen';

export interface TransitionInput {
  /** Close as this status (one of schema.closeStatuses). */
  status?: string;
  reason?: string;
  comment?: string;
  version?: number;
}

export interface MessageInput {
  body: string;
  kind?: 'comment' | 'complaint';
  attachmentIds?: string[];
}

export interface AddFilesInput {
  /** Ids from uploadAttachment(), each attached once. */
  attachmentIds: string[];
}

export interface FeedbackInput {
  rating: number;
  comment?: string;
}

export type AdapterEvent =
  | { type: 'case-changed'; caseId: string }
  | { type: 'message-added'; caseId: string; message: Message }
  /**
   * Events may have been missed (live updates were cut off for longer than the backend keeps them):
   * reload what is shown. Adapters give a subscriber of one case that case's id, so a listener that
   * filters by `caseId` still hears it; without `caseId` it concerns every case.
   */
  | { type: 'reset'; caseId?: string };

export interface SubscribeTarget {
  /** Only events of this case; omit for all the viewer's cases. */
  caseId?: string;
}

/**
 * The one interface elements talk to. Any backend sits behind it.
 * Every failure rejects with an AdapterError (or an AbortError when the signal fired).
 */
export interface CaseAdapter {
  /**
   * True when the adapter answers from memory on the page's own thread (no network, no latency):
   * elements may then query on every keystroke instead of waiting for a pause in typing.
   */
  readonly local?: boolean;
  describe(opts?: CallOptions): Promise<PortalSchema>;
  viewer(opts?: CallOptions): Promise<Viewer>;
  listCases(query: CaseQuery, opts?: CallOptions): Promise<Page<CaseRecord>>;
  getCase(id: string, opts?: CallOptions): Promise<CaseRecord>;
  createCase(input: CaseInput, opts?: WriteOptions): Promise<CaseRecord>;
  updateCase(id: string, patch: CasePatch, opts?: WriteOptions): Promise<CaseRecord>;
  transition(id: string, action: TransitionAction, input: TransitionInput, opts?: WriteOptions): Promise<CaseRecord>;
  listMessages(caseId: string, query?: MessageQuery, opts?: CallOptions): Promise<Page<Message>>;
  postMessage(caseId: string, input: MessageInput, opts?: WriteOptions): Promise<Message>;
  uploadAttachment(file: File, opts?: UploadOptions): Promise<Attachment>;
  /** The case's status changes, oldest first, starting with the status it was created in. */
  listHistory(caseId: string, opts?: CallOptions): Promise<StatusChange[]>;
  /** Every file of the case: its own and those of its public messages, oldest first. */
  listFiles(caseId: string, opts?: CallOptions): Promise<CaseFile[]>;
  /** Attaches uploaded files to the case itself (policy action "attach"); returns the changed case. */
  addFiles(caseId: string, input: AddFilesInput, opts?: WriteOptions): Promise<CaseRecord>;
  submitFeedback(caseId: string, input: FeedbackInput, opts?: WriteOptions): Promise<CaseRecord>;
  /**
   * Copies someone on the case (policy action "participants", limit `participantLimit`); returns
   * the changed case. The requester, or someone copied already, is a validation error; so is an
   * address the backend knows no one by. Optional: a backend without it offers no participants.
   */
  addParticipant?(caseId: string, input: ParticipantInput, opts?: WriteOptions): Promise<CaseRecord>;
  /** Removes a person copied on the case; they no longer see it (not_found for them). */
  removeParticipant?(caseId: string, personId: string, opts?: WriteOptions): Promise<CaseRecord>;
  /** The viewer's colleagues (same account) to pick from, when schema.participants.colleagues. */
  listColleagues?(opts?: CallOptions): Promise<PersonRef[]>;
  /** Live updates, push or polling: the adapter's choice. Returns the unsubscribe function. */
  subscribe?(target: SubscribeTarget, onEvent: (event: AdapterEvent) => void): () => void;
  /**
   * Values from the backend the adapter could not use and replaced (an unknown time zone, a date
   * that is not one: see backend-values.ts). Each distinct problem goes once to one listener (the
   * first still listening; problems found before anyone listened wait for the first), so a page
   * with several elements reports it once. Returns the unsubscribe function.
   */
  onBackendProblem?(listener: (problem: BackendProblem) => void): () => void;
}
