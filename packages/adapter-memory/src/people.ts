import type { AccountRef, Permission, PersonRef, Viewer } from '@case-portal/core';

export const DEMO_ACCOUNTS = {
  northwind: { id: 'acc-northwind', name: 'Northwind Traders' },
  contoso: { id: 'acc-contoso', name: 'Contoso Ltd' },
} as const satisfies Record<string, AccountRef>;

const CUSTOMER_PERMISSIONS: readonly Permission[] = [
  'read',
  'read-linked',
  'create',
  'reply',
  'update',
  'close',
  'cancel',
  'reopen',
  'complain',
  'feedback',
];

const person = (id: string, name: string, email: string, account: AccountRef, extra: Permission[] = []): Viewer => ({
  id,
  name,
  email,
  account: { ...account },
  permissions: [...CUSTOMER_PERMISSIONS, ...extra],
  locale: 'en-US',
});

/**
 * The people who can sign in to the demo. `customer` is the default viewer; `supervisor` holds
 * "read-account" and sees every Northwind case; `outsider` belongs to another account, so their
 * cases must never show up for anyone at Northwind.
 */
export const DEMO_PEOPLE = {
  customer: person('u-alex', 'Alex Morgan', 'alex.morgan@northwind.example', DEMO_ACCOUNTS.northwind),
  supervisor: person('u-priya', 'Priya Shah', 'priya.shah@northwind.example', DEMO_ACCOUNTS.northwind, ['read-account']),
  tom: person('u-tom', 'Tom Becker', 'tom.becker@northwind.example', DEMO_ACCOUNTS.northwind),
  mei: person('u-mei', 'Mei Lin', 'mei.lin@northwind.example', DEMO_ACCOUNTS.northwind),
  jonas: person('u-jonas', 'Jonas Weber', 'jonas.weber@northwind.example', DEMO_ACCOUNTS.northwind),
  outsider: person('u-carlos', 'Carlos Ruiz', 'carlos.ruiz@contoso.example', DEMO_ACCOUNTS.contoso),
} as const satisfies Record<string, Viewer>;

export type DemoPersonKey = keyof typeof DEMO_PEOPLE;

export const DEFAULT_VIEWER_ID = DEMO_PEOPLE.customer.id;

/** The support agents who own cases. */
export const DEMO_AGENTS: readonly PersonRef[] = [
  { id: 'a-sam', name: 'Sam Rivera', email: 'sam.rivera@support.example' },
  { id: 'a-dana', name: 'Dana Kim', email: 'dana.kim@support.example' },
  { id: 'a-lee', name: 'Lee Okafor', email: 'lee.okafor@support.example' },
  { id: 'a-ines', name: 'Inês Duarte', email: 'ines.duarte@support.example' },
];

export function findDemoPerson(id: string): Viewer | undefined {
  return Object.values(DEMO_PEOPLE).find((p) => p.id === id);
}

export function personRef(v: Viewer): PersonRef {
  return v.email ? { id: v.id, name: v.name, email: v.email } : { id: v.id, name: v.name };
}
