import type { Permission, PortalSchema, Viewer } from '@case-portal/core';
import type { Role } from '../principal.js';

const CUSTOMER: readonly Permission[] = ['read', 'read-linked', 'create', 'reply', 'update', 'close', 'cancel', 'reopen', 'complain', 'feedback'];

/** Which permissions a feature switch takes away: a switched-off action is never offered nor accepted. */
const FEATURE_OF: Partial<Record<Permission, keyof PortalSchema['features']>> = {
  create: 'create',
  update: 'update',
  close: 'close',
  cancel: 'cancel',
  reopen: 'reopen',
  complain: 'complain',
  feedback: 'feedback',
};

/** The permissions of a role, minus what the portal's features switch off. */
export function permissionsFor(role: Role, schema: PortalSchema): Permission[] {
  const base = role === 'customer' ? CUSTOMER : [...CUSTOMER, 'read-account' as const];
  return base.filter((p) => {
    const feature = FEATURE_OF[p];
    return !feature || schema.features[feature];
  });
}

export interface PersonView {
  id: string;
  name: string;
  email: string | null;
  account: { id: string; name: string } | null;
}

export function viewerOf(person: PersonView, role: Role, schema: PortalSchema): Viewer {
  const v: Viewer = { id: person.id, name: person.name, account: person.account, permissions: permissionsFor(role, schema) };
  if (person.email) v.email = person.email;
  return v;
}
