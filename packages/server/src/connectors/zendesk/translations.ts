import type { SchemaTranslation } from '@case-portal/core';

type Fixed = Pick<SchemaTranslation, 'statuses' | 'origins' | 'priorities' | 'categories'>;

/**
 * Zendesk's own vocabulary (its six statuses, channels, priorities and ticket types) in the
 * elements' built-in languages, worded as the elements' catalogs word the same things (de
 * "Anfrage", fr "demande", …).
 */
export const ZENDESK_TRANSLATIONS: Record<string, Fixed> = {
  de: {
    statuses: { new: 'Neu', open: 'Offen', pending: 'Wartet auf Ihre Antwort', hold: 'Zurückgestellt', solved: 'Gelöst', closed: 'Geschlossen' },
    origins: { web: 'Web', email: 'E-Mail', api: 'API', chat: 'Chat', voice: 'Telefon' },
    priorities: { low: 'Niedrig', normal: 'Normal', high: 'Hoch', urgent: 'Dringend' },
    categories: { question: 'Frage', incident: 'Störung', problem: 'Problem', task: 'Aufgabe' },
  },
  fr: {
    statuses: { new: 'Nouvelle', open: 'Ouverte', pending: 'En attente de votre réponse', hold: 'En suspens', solved: 'Résolue', closed: 'Clôturée' },
    origins: { web: 'Web', email: 'E-mail', api: 'API', chat: 'Chat', voice: 'Téléphone' },
    priorities: { low: 'Basse', normal: 'Normale', high: 'Haute', urgent: 'Urgente' },
    categories: { question: 'Question', incident: 'Incident', problem: 'Problème', task: 'Tâche' },
  },
  es: {
    statuses: { new: 'Nueva', open: 'Abierta', pending: 'En espera de su respuesta', hold: 'En pausa', solved: 'Resuelta', closed: 'Cerrada' },
    origins: { web: 'Web', email: 'Correo electrónico', api: 'API', chat: 'Chat', voice: 'Teléfono' },
    priorities: { low: 'Baja', normal: 'Normal', high: 'Alta', urgent: 'Urgente' },
    categories: { question: 'Pregunta', incident: 'Incidente', problem: 'Problema', task: 'Tarea' },
  },
  ar: {
    statuses: { new: 'جديد', open: 'مفتوح', pending: 'بانتظار ردك', hold: 'معلّق', solved: 'تم الحل', closed: 'مغلق' },
    origins: { web: 'الويب', email: 'البريد الإلكتروني', api: 'واجهة برمجية', chat: 'الدردشة', voice: 'الهاتف' },
    priorities: { low: 'منخفضة', normal: 'عادية', high: 'مرتفعة', urgent: 'عاجلة' },
    categories: { question: 'سؤال', incident: 'عطل', problem: 'مشكلة', task: 'مهمة' },
  },
  he: {
    statuses: { new: 'חדשה', open: 'פתוחה', pending: 'ממתינה לתשובתך', hold: 'בהמתנה', solved: 'נפתרה', closed: 'סגורה' },
    origins: { web: 'אינטרנט', email: 'דוא"ל', api: 'API', chat: "צ'אט", voice: 'טלפון' },
    priorities: { low: 'נמוכה', normal: 'רגילה', high: 'גבוהה', urgent: 'דחופה' },
    categories: { question: 'שאלה', incident: 'תקלה', problem: 'בעיה', task: 'משימה' },
  },
};

/**
 * The admin's translations with Zendesk's vocabulary in them: the fixed lists (statuses, channels,
 * priorities, ticket types) are the connector's, in English as in every language, so their words
 * are Zendesk's; the admin's other sections (stages, fields) stay. A language only the admin gives
 * keeps just those.
 */
export function zendeskTranslations(admin: Record<string, SchemaTranslation> | undefined): Record<string, SchemaTranslation> {
  const out: Record<string, SchemaTranslation> = {};
  for (const [lang, t] of Object.entries(admin ?? {})) {
    const { statuses: _s, origins: _o, priorities: _p, categories: _c, ...own } = t;
    out[lang] = own;
  }
  for (const [lang, fixed] of Object.entries(ZENDESK_TRANSLATIONS)) out[lang] = { ...out[lang], ...structuredClone(fixed) };
  return out;
}
