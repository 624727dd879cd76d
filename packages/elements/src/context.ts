import { createContext } from '@lit/context';
import type { CaseAdapter, PortalSchema, Viewer } from '@case-portal/core';
import type { I18n } from './i18n/i18n.js';

/**
 * What <case-portal> provides to every element inside it. Each element also accepts the same
 * values as properties, so it works alone; a property wins over the context.
 * Symbols keyed by description-free `Symbol.for` so two copies of the library on one page still meet.
 */
export const adapterContext = createContext<CaseAdapter | undefined>(Symbol.for('case-portal/adapter'));
export const schemaContext = createContext<PortalSchema | undefined>(Symbol.for('case-portal/schema'));
export const viewerContext = createContext<Viewer | undefined>(Symbol.for('case-portal/viewer'));
export const i18nContext = createContext<I18n | undefined>(Symbol.for('case-portal/i18n'));

/** How an element inside the portal asks to navigate; outside a portal it just fires its event. */
export interface PortalNavigator {
  openCase(id: string): void;
  openList(): void;
  openCreate(): void;
}
export const navigatorContext = createContext<PortalNavigator | undefined>(Symbol.for('case-portal/navigator'));
