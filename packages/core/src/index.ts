// The public API of @case-portal/core, name by name: what an adapter, an element or a host page
// needs. Anything not listed here is an implementation detail of its module.

// The domain model: cases, messages, the viewer and the backend's schema.
export type {
  AccountRef,
  Attachment,
  AuthorRole,
  CaseFile,
  CaseRecord,
  CaseStatus,
  CaseView,
  Deadline,
  EditableBuiltin,
  Features,
  Feedback,
  FieldDef,
  FieldType,
  FieldValue,
  Limits,
  Message,
  MessageKind,
  HistoryEntry,
  Option,
  ParticipantChange,
  ParticipantChangeKind,
  ParticipantRight,
  ParticipantRules,
  Permission,
  PersonRef,
  PortalSchema,
  SchemaTranslation,
  ReopenRule,
  ServiceDef,
  Stage,
  StatusCategory,
  StatusChange,
  StatusDef,
  Viewer,
} from './model.js';
export {
  EDITABLE_BUILTINS,
  FEEDBACK_CATEGORIES,
  FINISHED_CATEGORIES,
  isParticipantChange,
  isStatusChange,
  MESSAGE_KINDS,
  PARTICIPANT_RIGHTS,
  STATUS_CATEGORIES,
} from './model.js';

// The adapter contract every backend implements.
export type {
  AddFilesInput,
  AdapterEvent,
  CallOptions,
  CaseAdapter,
  CaseInput,
  CasePatch,
  CaseQuery,
  FeedbackInput,
  FieldFilter,
  MessageInput,
  MessageQuery,
  Page,
  ParticipantInput,
  SortDirection,
  SortSpec,
  SubscribeTarget,
  TransitionAction,
  TransitionInput,
  UploadOptions,
  WriteOptions,
} from './adapter.js';

// Failures with stable codes, and cancellation.
export type { AdapterErrorCode, AdapterErrorInit } from './errors.js';
export { ADAPTER_ERROR_CODES, AdapterError, isAbortError, isAdapterError, throwIfAborted, toAdapterError } from './errors.js';

// The lifecycle policy: what a viewer may do to a case, and why not.
export type { ActionMap, Availability, CaseAction, DenyReason } from './policy.js';
export { participantLimit, redactAuthors, redactContacts, redactHistory } from './policy.js';
export { availableActions, canRead, reopenDeadline } from './policy.js';
export { statusAfterCustomerMessage, SYSTEM_AUTHOR } from './reply-status.js';

// Schema look-ups.
export { currentStageIndex, fieldDef, optionLabel, statusById } from './schema-helpers.js';
export { editableBuiltins, editableFields } from './schema-editable.js';
export { baseSchema, statusLabel } from './schema-labels.js';
export { localizeSchema } from './schema-translations.js';

// Query evaluation for adapters that answer from memory (the memory adapter, mock servers).
export { CaseIndex, caseFieldValue, decodeCursor, encodeCursor } from './query.js';

// CaseQuery <-> URL query string (the REST contract's GET /cases, a list's state in the page URL).
export type { DecodeCaseQueryOptions, EncodeCaseQueryOptions } from './query-params.js';
export { encodeCaseQuery, isCaseQueryParam } from './query-params.js';
export { decodeCaseQuery } from './query-decode.js';

// Input checks shared by backends that validate themselves (memory adapter, case server).
export type { FieldErrors } from './validate.js';
export { applyPatch, BODY_MAX, checkCaseInput, checkFieldValue, checkParticipantInput, checkPatch, FEEDBACK_COMMENT_MAX, SUBJECT_MAX } from './validate.js';

// Attachment limits, checked before a byte is read or sent.
export type { FileLike } from './attachments.js';
export { allowedFileType, assertAttachmentAllowed, attachmentProblem, fileExtension, UNKNOWN_FILE_TYPE } from './attachments.js';

// Formatting (Intl, cached per locale), safe URLs, idempotency keys.
export type { DateStyle } from './format.js';
export { formatBytes, formatDate, formatList, formatNumber, formatRelative, formatWait, splitDuration, warmFormatters } from './format.js';
export { safeUrl } from './safe-url.js';
export { safeDownloadUrl } from './safe-download-url.js';
export { isRecordId, newIdempotencyKey, RECORD_ID_PATTERN } from './ids.js';
export type { KeyedRequest } from './request-keys.js';
export { keyForRequest, RequestKey, requestFingerprint } from './request-keys.js';

// Values from a backend that reach Intl or URLs: checked where they enter, replaced when unusable.
export type { BackendProblem, ReportProblem } from './backend-values.js';
export {
  isDateString,
  isLocale,
  isTimeZone,
  repairAttachment,
  repairCase,
  repairViewer,
} from './backend-values.js';
export { repairCaseFile, repairHistoryEntry, repairMessage, repairStatusChange } from './backend-values-case.js';

// Safe templates for CMS editors' markup.
export type {
  CompiledTemplate,
  TemplateFilter,
  TemplateInstance,
  TemplateOptions,
  TemplateProblem,
  TemplateProblemKind,
} from './template/index.js';
export { CASE_TEMPLATE_PATHS, casePathKnown, compileTemplate, formatTemplateValue } from './template/index.js';
