import type { PortalSchema } from '@case-portal/core';
import { demoTranslations } from './schema-translations.js';

const MB = 1024 * 1024;

/**
 * The demo backend's configuration: a service desk for a hardware and software vendor.
 * Labels are what customers read; ids and categories are what code reasons about.
 */
export const demoSchema: PortalSchema = {
  statuses: [
    { id: 'new', label: 'New', category: 'new' },
    { id: 'open', label: 'Open', category: 'open' },
    { id: 'reopened', label: 'Reopened', category: 'open' },
    { id: 'pending-agent', label: 'Pending from Agent', category: 'pending-agent' },
    { id: 'pending-customer', label: 'Awaiting your reply', category: 'pending-customer' },
    { id: 'on-hold', label: 'On hold', category: 'on-hold' },
    { id: 'resolved', label: 'Resolved', category: 'resolved' },
    { id: 'closed', label: 'Closed', category: 'closed' },
    { id: 'canceled', label: 'Canceled', category: 'canceled' },
    { id: 'merged', label: 'Merged', category: 'merged' },
  ],
  origins: [
    { value: 'web', label: 'Web portal' },
    { value: 'email', label: 'Email' },
    { value: 'phone', label: 'Phone' },
    { value: 'chat', label: 'Chat' },
    { value: 'social', label: 'Social media' },
  ],
  priorities: [
    { value: 'low', label: 'Low' },
    { value: 'normal', label: 'Normal' },
    { value: 'high', label: 'High' },
    { value: 'urgent', label: 'Urgent' },
  ],
  categories: [
    { value: 'technical', label: 'Technical issue' },
    { value: 'billing', label: 'Billing and invoices' },
    { value: 'account', label: 'Account and access' },
    { value: 'order', label: 'Orders and delivery' },
    { value: 'feedback', label: 'Product feedback' },
  ],
  services: [
    { value: 'standard', label: 'Standard support', responseHours: 8, resolutionHours: 72 },
    { value: 'premium', label: 'Premium support', responseHours: 1, resolutionHours: 24 },
    { value: 'warranty', label: 'Warranty repair', responseHours: 24, resolutionHours: 240 },
    { value: 'billing', label: 'Billing desk', responseHours: 24, resolutionHours: 120 },
  ],
  fields: [
    {
      key: 'product',
      label: 'Product',
      type: 'choice',
      required: true,
      onCreate: true,
      editable: true,
      inList: true,
      inDetail: true,
      filterable: true,
      options: [
        { value: 'router-x200', label: 'Router X200' },
        { value: 'router-x500', label: 'Router X500 Pro' },
        { value: 'switch-s24', label: 'Switch S24' },
        { value: 'cloud-console', label: 'Cloud Console' },
        { value: 'mobile-app', label: 'Mobile app' },
      ],
    },
    {
      key: 'contract_id',
      label: 'Contract ID',
      type: 'text',
      onCreate: true,
      inList: true,
      inDetail: true,
      filterable: true,
      maxLength: 20,
      help: 'As printed on your service contract, e.g. NW-2024-0137.',
    },
    {
      key: 'serial_number',
      label: 'Serial number',
      type: 'text',
      onCreate: true,
      editable: true,
      inDetail: true,
      filterable: true,
      maxLength: 32,
      help: 'On the label under the device.',
    },
    {
      key: 'due_date',
      label: 'Needed by',
      type: 'date',
      onCreate: true,
      editable: true,
      inList: true,
      inDetail: true,
      filterable: true,
    },
    {
      key: 'affected_users',
      label: 'Affected users',
      type: 'number',
      onCreate: true,
      editable: true,
      inDetail: true,
      filterable: true,
      min: 1,
      max: 100000,
    },
    {
      key: 'environment',
      label: 'Environment',
      type: 'choice',
      onCreate: true,
      inDetail: true,
      filterable: true,
      options: [
        { value: 'production', label: 'Production' },
        { value: 'staging', label: 'Staging' },
        { value: 'test', label: 'Test' },
      ],
    },
  ],
  // The customer may correct the subject and raise the priority; category routes the case, so it stays.
  editableBuiltins: ['subject', 'priority'],
  // Channel, created and owner where the list is wide enough ("?": case-list's optional columns).
  columns: ['number', 'subject', 'status', 'origin?', 'createdAt?', 'owner?', 'updatedAt'],
  filters: ['view', 'status', 'origin', 'category', 'priority', 'product', 'contract_id', 'serial_number', 'due_date', 'environment'],
  sortable: ['number', 'subject', 'status', 'origin', 'owner', 'createdAt', 'updatedAt', 'product', 'due_date'],
  views: ['mine', 'account', 'linked'],
  // "Resolved" keeps the door open (reopen within 6 hours); "Closed" is final.
  closeStatuses: ['resolved', 'closed'],
  closeReasons: [
    { value: 'solved', label: 'My issue is solved' },
    { value: 'workaround', label: 'I found a workaround' },
    { value: 'not-needed', label: 'I no longer need help' },
    { value: 'duplicate', label: 'I opened another case for this' },
    { value: 'other', label: 'Other reason' },
  ],
  cancelStatus: 'canceled',
  reopenStatus: 'reopened',
  // Only a resolved case reopens: one still awaiting the customer is open already, just waiting.
  reopen: { fromCategories: ['resolved'], windowHours: 6, maxCount: 1 },
  stages: [
    { id: 'submitted', label: 'Submitted', categories: ['new'] },
    { id: 'in-progress', label: 'In progress', categories: ['open', 'pending-agent', 'on-hold'] },
    { id: 'waiting', label: 'Waiting on you', categories: ['pending-customer'] },
    { id: 'resolved', label: 'Resolved', categories: ['resolved'] },
    { id: 'closed', label: 'Closed', categories: ['closed', 'canceled', 'merged'] },
  ],
  features: {
    create: true,
    update: true,
    close: true,
    cancel: true,
    reopen: true,
    complain: true,
    feedback: true,
    attachments: true,
    backendMessages: false,
  },
  limits: {
    maxAttachmentBytes: 40 * MB,
    // No HTML, SVG or scripts: nothing that could run if a browser opened it.
    allowedTypes: [
      'application/pdf',
      'image/png',
      'image/jpeg',
      'image/gif',
      'image/webp',
      'text/plain',
      'text/csv',
      'application/zip',
      'application/msword',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.ms-excel',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      '.pdf',
      '.png',
      '.jpg',
      '.jpeg',
      '.gif',
      '.webp',
      '.txt',
      '.log',
      '.csv',
      '.zip',
      '.doc',
      '.docx',
      '.xls',
      '.xlsx',
      '.pptx',
    ],
    maxAttachmentsPerMessage: 10,
    pageSize: 25,
  },
  // Colleagues or anyone the portal knows, by address: at most five people copied on one case.
  participants: { max: 5, colleagues: true },
  // The labels above in the elements' other languages (a German page shows "Offen", not "Open").
  translations: demoTranslations,
};

/** The demo schema with a host's overrides applied (a shallow merge per top-level key). */
export function buildSchema(overrides: Partial<PortalSchema> = {}): PortalSchema {
  return structuredClone({ ...demoSchema, ...overrides });
}
