/**
 * Minimal request-body schemas, written from openapi.yaml's CaseInput, MessageInput, TransitionRequest,
 * FeedbackInput, AddFilesInput and the PATCH body, with `additionalProperties: false` so unknown
 * fields are refused (422) rather than stripped. To be replaced by the schemas src/contract/ derives
 * from the YAML itself.
 */
const fieldValue = {
  anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }, { type: 'null' }],
};
const ids = { type: 'array', items: { type: 'string', maxLength: 200 } };
const nullableString = { type: ['string', 'null'] };

export const caseInputBody = {
  type: 'object',
  required: ['subject', 'description'],
  additionalProperties: false,
  properties: {
    subject: { type: 'string' },
    description: { type: 'string' },
    service: nullableString,
    category: nullableString,
    priority: nullableString,
    fields: { type: 'object', additionalProperties: fieldValue },
    attachmentIds: ids,
  },
} as const;

export const patchBody = {
  type: 'object',
  required: ['changes'],
  additionalProperties: false,
  properties: { changes: { type: 'object', additionalProperties: fieldValue } },
} as const;

export const transitionBody = {
  type: 'object',
  required: ['action'],
  additionalProperties: false,
  properties: {
    action: { type: 'string', enum: ['close', 'cancel', 'reopen'] },
    status: { type: 'string' },
    reason: { type: 'string' },
    comment: { type: 'string' },
    version: { type: 'integer' },
  },
} as const;

export const messageBody = {
  type: 'object',
  required: ['body'],
  additionalProperties: false,
  properties: { body: { type: 'string' }, kind: { type: 'string', enum: ['comment', 'complaint'] }, attachmentIds: ids },
} as const;

export const feedbackBody = {
  type: 'object',
  required: ['rating'],
  additionalProperties: false,
  properties: { rating: { type: 'integer', minimum: 1, maximum: 5 }, comment: { type: 'string' } },
} as const;

export const addFilesBody = {
  type: 'object',
  required: ['attachmentIds'],
  additionalProperties: false,
  properties: { attachmentIds: { ...ids, minItems: 1 } },
} as const;

export const caseIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,100}$' } },
} as const;
