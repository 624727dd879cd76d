/**
 * The domain model every adapter speaks and every element renders.
 * Dates are ISO 8601 strings (what JSON carries); formatting happens in the UI through Intl.
 */

/** What a backend status means. The policy and the UI reason about categories; they show labels. */
export type StatusCategory =
  | 'new'
  | 'open'
  | 'pending-agent'
  | 'pending-customer'
  | 'on-hold'
  | 'resolved'
  | 'closed'
  | 'canceled'
  | 'merged';

export const STATUS_CATEGORIES: readonly StatusCategory[] = [
  'new',
  'open',
  'pending-agent',
  'pending-customer',
  'on-hold',
  'resolved',
  'closed',
  'canceled',
  'merged',
];

/** Categories in which the case is finished: no more replies, only complaints and feedback. */
export const FINISHED_CATEGORIES: readonly StatusCategory[] = ['closed', 'canceled', 'merged'];

/** Categories after which the customer may rate the service. */
export const FEEDBACK_CATEGORIES: readonly StatusCategory[] = ['resolved', 'closed', 'canceled'];

/** A backend status as the schema declares it. */
export interface StatusDef {
  id: string;
  label: string;
  category: StatusCategory;
}

/** The status a case carries: the adapter resolves label and category from its schema. */
export type CaseStatus = StatusDef;

export interface Option {
  value: string;
  label: string;
}

export interface PersonRef {
  id: string;
  name: string;
  email?: string;
}

export interface AccountRef {
  id: string;
  name: string;
}

export type FieldType =
  | 'text'
  | 'longtext'
  | 'number'
  | 'date'
  | 'datetime'
  | 'choice'
  | 'multichoice'
  | 'checkbox'
  | 'email'
  | 'url';

export type FieldValue = string | number | boolean | string[] | null;

/** A custom field the backend configures; where it shows and who may change it. */
export interface FieldDef {
  key: string;
  label: string;
  type: FieldType;
  options?: Option[];
  required?: boolean;
  /** Shown on the create form. */
  onCreate?: boolean;
  /** The customer may change it after creation (update dialog). */
  editable?: boolean;
  /** May be shown as a list column. */
  inList?: boolean;
  /** Shown in the case view. */
  inDetail?: boolean;
  /** The backend can filter on it. */
  filterable?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  help?: string;
}

export interface Attachment {
  id: string;
  name: string;
  /** Bytes. */
  size: number;
  /** MIME type as the backend reports it. */
  type: string;
  /** Where to download it. Always passed through safeUrl() before it reaches the DOM. */
  url: string;
  createdAt?: string;
}

/** A file of the case: its own, or one that came with a message of its (public) conversation. */
export interface CaseFile extends Attachment {
  /** The message it came with; null or absent for a file added to the case itself. */
  messageId?: string | null;
  /** Who added it, when the backend says. */
  addedBy?: PersonRef | null;
}

/** One entry of a case's status history, oldest first in a list. */
export interface StatusChange {
  /**
   * Absent on entries written before the history had other kinds (issue 13), and from backends that
   * record only status changes: an entry without `kind` is a status change.
   */
  kind?: 'status';
  at: string;
  /** Null for the status the case was created in. */
  from: CaseStatus | null;
  to: CaseStatus;
  /** Who changed it, when the backend says (agent, customer, or the system). */
  by?: (PersonRef & { role: AuthorRole }) | null;
  /** A reason the backend recorded (e.g. the close reason), as text. */
  reason?: string | null;
}

/** What a participant entry of the history records: someone was copied on the case, or no longer. */
export type ParticipantChangeKind = 'participant-added' | 'participant-removed';

/**
 * Someone copied on a case, or taken off it ("Alex added Priya"). `person.email` reaches only the
 * requester and that person themselves, exactly as the case's `contacts` (core's `redactHistory`).
 */
export interface ParticipantChange {
  kind: ParticipantChangeKind;
  at: string;
  /** Who made the change (the requester, or a person copied whom the schema lets change the list). */
  by: PersonRef & { role: AuthorRole };
  /** Who was added or removed. */
  person: PersonRef;
}

/** One entry of a case's history (`CaseAdapter.listHistory`), oldest first in a list. */
export type HistoryEntry = StatusChange | ParticipantChange;

/** A status change (entries without `kind` included: the history's only kind before issue 13). */
export function isStatusChange(entry: HistoryEntry): entry is StatusChange {
  return entry.kind === undefined || entry.kind === 'status';
}

/** A participant entry ("added", "removed"); false for status changes and for kinds this version does not know. */
export function isParticipantChange(entry: HistoryEntry): entry is ParticipantChange {
  return entry.kind === 'participant-added' || entry.kind === 'participant-removed';
}

export interface Deadline {
  dueAt: string;
  /** When the target was met; a met deadline is never overdue. */
  metAt?: string | null;
}

export interface Feedback {
  rating: number;
  comment?: string;
  submittedAt: string;
}

export interface CaseRecord {
  id: string;
  /** Human case number, e.g. "00012345": what customers quote on the phone. */
  number: string;
  subject: string;
  description: string;
  status: CaseStatus;
  /** Channel the case came in by: web, email, phone, chat, social… */
  origin: string;
  priority?: string | null;
  category?: string | null;
  service?: string | null;
  requester: PersonRef;
  owner?: PersonRef | null;
  account?: AccountRef | null;
  /**
   * People other than the requester copied on the case (CC, Zendesk's CCs, "3rd party
   * notifications"): they see it under "Cases I'm copied on", read and reply. Their `email` reaches
   * only the requester and the person themselves; everyone else gets the name alone.
   */
  contacts?: PersonRef[];
  createdAt: string;
  updatedAt: string;
  closedAt?: string | null;
  /** How often the customer reopened it; the policy limits this. */
  reopenCount: number;
  sla?: { response?: Deadline | null; resolution?: Deadline | null } | null;
  fields: Record<string, FieldValue>;
  attachments: Attachment[];
  relatedIds?: string[];
  feedback?: Feedback | null;
  /** Optimistic-concurrency token: updates carry it, a mismatch is a conflict. */
  version: number;
}

export type MessageKind = 'comment' | 'email' | 'complaint' | 'event';

export const MESSAGE_KINDS: readonly MessageKind[] = ['comment', 'email', 'complaint', 'event'];
export type AuthorRole = 'customer' | 'agent' | 'system';

export interface Message {
  id: string;
  caseId: string;
  kind: MessageKind;
  /** Plain text. Never HTML: the UI renders it as text. */
  body: string;
  author: PersonRef & { role: AuthorRole };
  channel?: string;
  createdAt: string;
  attachments: Attachment[];
  /** Internal notes are false; elements never show them, whatever an adapter returns. */
  public: boolean;
  /** For kind "event": the status change it records. */
  event?: { from?: CaseStatus | null; to: CaseStatus } | null;
}

export type Permission =
  | 'read'
  | 'read-account'
  | 'read-linked'
  | 'create'
  | 'reply'
  | 'update'
  | 'close'
  | 'cancel'
  | 'reopen'
  | 'complain'
  | 'feedback';

/** Who is signed in and what they may do. A supervisor holds "read-account". */
export interface Viewer {
  id: string;
  name: string;
  email?: string;
  account?: AccountRef | null;
  permissions: readonly Permission[];
  locale?: string;
  timeZone?: string;
}

export type CaseView = 'mine' | 'account' | 'linked';

/** Built-in case keys a schema may let the customer change after creation. */
export type EditableBuiltin = 'subject' | 'priority' | 'category';

export const EDITABLE_BUILTINS: readonly EditableBuiltin[] = ['subject', 'priority', 'category'];

export interface ServiceDef extends Option {
  /** Hours to first response and to resolution; these set the deadlines of a new case. */
  responseHours?: number;
  resolutionHours?: number;
}

export interface Stage {
  id: string;
  label: string;
  /** The categories that count as being in this stage. */
  categories: StatusCategory[];
}

export interface ReopenRule {
  /** Categories from which a case may be reopened, e.g. resolved, pending-customer. */
  fromCategories: StatusCategory[];
  /** Window after closing (closedAt, else updatedAt) in hours; 0 = no limit. */
  windowHours: number;
  /** How many times a customer may reopen one case; 0 = no limit. */
  maxCount: number;
}

export interface Features {
  create: boolean;
  update: boolean;
  close: boolean;
  cancel: boolean;
  reopen: boolean;
  complain: boolean;
  feedback: boolean;
  attachments: boolean;
  /** Show the backend's own error messages instead of the generic ones. */
  backendMessages: boolean;
}

export interface Limits {
  maxAttachmentBytes: number;
  /** MIME types or extensions (".pdf"); empty = any type. */
  allowedTypes: string[];
  maxAttachmentsPerMessage: number;
  pageSize: number;
}

/** Whether a customer may copy other people on a case, and how many (PortalSchema.participants). */
export interface ParticipantRules {
  /** Most people copied on one case besides the requester; at least 1. */
  max: number;
  /** The backend lists the viewer's colleagues (same account) to pick from (CaseAdapter.listColleagues). */
  colleagues: boolean;
  /**
   * What a person copied on the case may do besides reading, replying and complaining (which they
   * always may). Absent or empty: nothing else; those actions stay the requester's. Each entry opens
   * one policy action (`availableActions`) to people copied, under the same conditions as for the
   * requester (features, permissions, the case's status). A supervisor who is not copied gains nothing.
   */
  mayAlso?: ParticipantRight[];
}

/** Actions a schema can open to people copied on a case (ParticipantRules.mayAlso). */
export type ParticipantRight = 'update' | 'close' | 'cancel' | 'reopen' | 'feedback' | 'participants';

export const PARTICIPANT_RIGHTS: readonly ParticipantRight[] = ['update', 'close', 'cancel', 'reopen', 'feedback', 'participants'];

/**
 * The schema's labels in one language (PortalSchema.translations): by status id, stage id, option
 * value and field key. What a translation leaves out keeps the base label.
 */
export interface SchemaTranslation {
  statuses?: Record<string, string>;
  stages?: Record<string, string>;
  origins?: Record<string, string>;
  priorities?: Record<string, string>;
  categories?: Record<string, string>;
  services?: Record<string, string>;
  closeReasons?: Record<string, string>;
  fields?: Record<string, { label?: string; help?: string; options?: Record<string, string> }>;
}

/** Everything a portal must know about the backend's configuration. */
export interface PortalSchema {
  statuses: StatusDef[];
  origins: Option[];
  priorities: Option[];
  categories: Option[];
  services: ServiceDef[];
  fields: FieldDef[];
  /**
   * Built-in keys the customer may change after creation, shown in the update dialog before the
   * custom fields marked `editable`. Absent or empty: none.
   */
  editableBuiltins?: EditableBuiltin[];
  /** Default list columns, in order: built-in keys or custom field keys. */
  columns: string[];
  /** Query keys the backend can evaluate: "status", "origin", "view", custom field keys. */
  filters: string[];
  /** Keys the backend can sort by. */
  sortable: string[];
  views: CaseView[];
  /** Status ids a customer may close a case as. */
  closeStatuses: string[];
  closeReasons: Option[];
  cancelStatus: string | null;
  reopenStatus: string | null;
  reopen: ReopenRule;
  stages: Stage[];
  features: Features;
  limits: Limits;
  /** People copied on a case: absent or null, customers can't add anyone (issue 13). */
  participants?: ParticipantRules | null;
  /**
   * The labels above in other languages, by language ("de") or locale ("de-CH", over its
   * language's): what an element shows in that language (core's localizeSchema). Absent: the
   * labels are shown as they are, in every language.
   */
  translations?: Record<string, SchemaTranslation>;
}
