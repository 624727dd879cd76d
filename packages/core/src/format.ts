/**
 * Formatting on Intl, with formatter instances cached per locale and options:
 * creating an Intl formatter costs far more than using one, and lists format thousands of dates.
 */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.ListFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.ListFormat>(
  kind: string,
  locale: string,
  options: object,
  make: () => T,
): T {
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}

export type DateStyle = 'date' | 'datetime' | 'time';

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  datetime: { dateStyle: 'medium', timeStyle: 'short' },
  time: { timeStyle: 'short' },
};

export function formatDate(
  value: string | number | Date | null | undefined,
  locale: string,
  style: DateStyle = 'date',
  timeZone?: string,
): string {
  if (value == null || value === '') return '';
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const options = timeZone ? { ...DATE_OPTIONS[style], timeZone } : DATE_OPTIONS[style];
  try {
    return cached('dt', locale, options, () => new Intl.DateTimeFormat(locale, options)).format(d);
  } catch (e) {
    // An unknown time zone throws (adapters replace one from a backend; a host's own may still
    // slip through): the browser's zone, never an exception in a render.
    if (!timeZone || !(e instanceof RangeError)) throw e;
    return formatDate(d, locale, style);
  }
}

export function formatNumber(value: number, locale: string, options: Intl.NumberFormatOptions = {}): string {
  return cached('n', locale, options, () => new Intl.NumberFormat(locale, options)).format(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
];

/** "a, b and c" (conjunction), "a, b or c" (disjunction), "a, b, c" (unit), in the locale's words. */
export function formatList(items: readonly string[], locale: string, type: Intl.ListFormatType = 'conjunction'): string {
  return cached('l', locale, { type }, () => new Intl.ListFormat(locale, { type })).format(items);
}

/** "3 hours ago", "in 2 days": the largest unit that fits. */
export function formatRelative(value: string | number | Date, now: Date, locale: string): string {
  const t = value instanceof Date ? value.getTime() : new Date(value).getTime();
  // Intl.RelativeTimeFormat throws on NaN: a date that is not one reads as nothing.
  if (Number.isNaN(t)) return '';
  const diff = t - now.getTime();
  const abs = Math.abs(diff);
  const rtf = cached('rt', locale, { numeric: 'auto' }, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  for (const [unit, ms] of UNITS) {
    if (abs >= ms || unit === 'second') return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'second');
}

/**
 * "in 20 seconds", "in 3 minutes": how long until a wait ends, in the locale's words. Rounded up,
 * so the text never promises a moment before the wait is over.
 */
export function formatWait(ms: number, locale: string): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const rtf = cached('rt', locale, { numeric: 'always' }, () => new Intl.RelativeTimeFormat(locale, { numeric: 'always' }));
  if (seconds <= 90) return rtf.format(seconds, 'second');
  const minutes = Math.ceil(seconds / 60);
  if (minutes <= 90) return rtf.format(minutes, 'minute');
  return rtf.format(Math.ceil(minutes / 60), 'hour');
}

/** "1.5 MB": bytes in the largest unit that keeps the number readable. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return formatNumber(v, locale, {
    style: 'unit',
    unit: units[i],
    // CLDR's short form of "byte" doesn't inflect ("1,000 byte"); the long one does ("1,000 bytes").
    unitDisplay: i === 0 ? 'long' : 'short',
    maximumFractionDigits: i === 0 ? 0 : 1,
  });
}

/** A duration in the two largest units, e.g. "2 days, 3 hours", through Intl where it can. */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number } {
  const abs = Math.abs(ms);
  return {
    days: Math.floor(abs / 86_400_000),
    hours: Math.floor((abs % 86_400_000) / 3_600_000),
    minutes: Math.floor((abs % 3_600_000) / 60_000),
  };
}

/**
 * Creates (and caches) the formatters a portal uses, so the first screen of data doesn't pay for
 * them: the first Intl formatter of a page loads the locale's data, tens of milliseconds that would
 * otherwise land in the first render of a list or a conversation. Call it while idle.
 */
export function warmFormatters(locale: string, timeZone?: string): void {
  const at = Date.now();
  formatDate(at, locale, 'date', timeZone);
  formatDate(at, locale, 'datetime', timeZone);
  formatRelative(at - 3_600_000, new Date(at), locale);
  for (const bytes of [10, 10_000, 10_000_000]) formatBytes(bytes, locale);
  formatNumber(1234, locale);
  new Intl.PluralRules(locale).select(2);
  formatList(['a', 'b'], locale);
}
