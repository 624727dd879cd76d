import { bodySchema, CONTRACT_ID } from '../contract/openapi.js';

/**
 * The request schemas of the customer routes, taken from openapi.yaml itself (register the
 * contract's definitions with `app.addSchema(loadContract().definitions)` first). Only the path
 * parameter is written here: Fastify validates params apart from the body.
 */
export const caseInputBody = bodySchema('createCase');
export const patchBody = bodySchema('updateCase');
export const transitionBody = bodySchema('transition');
export const messageBody = bodySchema('postMessage');
export const feedbackBody = bodySchema('submitFeedback');
export const addFilesBody = bodySchema('addFiles');
export const participantBody = bodySchema('addParticipant');

export const caseIdParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { $ref: `${CONTRACT_ID}#/$defs/CaseId` } },
} as const;
