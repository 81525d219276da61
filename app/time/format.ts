/**
 * Formatting times and dates for one viewer (decision 0031): plain functions over `Intl`, the same
 * on the server and in the browser, so a page renders the same text in both. Nothing here reads
 * the clock or the machine's zone: the zone, the format and `now` are given.
 *
 * Two kinds of value:
 * - an instant (createdAt, a comment's time): shown in the viewer's zone;
 * - a calendar day (a due date, "YYYY-MM-DD"): the same day for everyone, never shifted by a zone.
 */

/** "ISO" (2026-12-02 14:25, language-neutral) or a locale such as "en-GB". */
export type DateFormatName = string;

/** What formatting needs to know of the viewer. `now` (ms) is the loader's, so relative times hydrate the same. */
export type TimeSettings = { timeZone: string; locale: DateFormatName; now: number | null };

/** No preference, no JavaScript, no signed-in person: UTC in the neutral format, nothing relative. */
export const NEUTRAL_TIME: TimeSettings = { timeZone: "UTC", locale: "ISO", now: null };

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat costs more than using one; a page formats dozens of times. */
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

function partsOf(format: Intl.DateTimeFormat, date: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** An instant as a date and a time in the viewer's zone; `withZone` adds the zone ("UTC+01:00", "CET"), as in a title. */
export function formatInstant(value: string | Date, settings: Pick<TimeSettings, "timeZone" | "locale">, withZone = false): string {
  const date = new Date(value);
  const { timeZone, locale } = settings;
  if (locale === "ISO") {
    const parts = partsOf(
      formatter("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
      date,
    );
    const text = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
    return withZone ? `${text} ${zoneOffset(date, timeZone)}` : text;
  }
  return formatter(locale, {
    timeZone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    ...(withZone ? { timeZoneName: "short" } : {}),
  }).format(date);
}

/** "UTC", or "UTC+01:00" / "UTC-04:00": unambiguous in every language. */
function zoneOffset(date: Date, timeZone: string): string {
  const offset = partsOf(formatter("en-US", { timeZone, timeZoneName: "longOffset" }), date).timeZoneName ?? "GMT";
  return /^GMT([+-]00:00)?$/.test(offset) ? "UTC" : offset.replace("GMT", "UTC");
}

/**
 * A calendar day ("YYYY-MM-DD") in the viewer's format, never shifted by their zone: a task due on
 * 2 December is due on 2 December in Tokyo and in Los Angeles. `short` leaves out the year (a chart's axis).
 */
export function formatDay(day: string, settings: Pick<TimeSettings, "locale">, short = false): string {
  if (settings.locale === "ISO") return day; // "12-02" would read as 12 February to some
  const options: Intl.DateTimeFormatOptions = short
    ? { timeZone: "UTC", month: "short", day: "numeric" }
    : { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" };
  return formatter(settings.locale, options).format(new Date(`${day}T00:00:00Z`));
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
];

/**
 * "3 hours ago", "in 2 days", "now": within a week of `now`, in the viewer's language (English for
 * ISO); null further away, where the exact date says more.
 */
export function formatRelative(value: string | Date, now: number, locale: DateFormatName): string | null {
  let amount = (new Date(value).getTime() - now) / 1000;
  const format = new Intl.RelativeTimeFormat(locale === "ISO" ? "en" : locale, { numeric: "auto" });
  if (Math.abs(amount) < 45) return format.format(0, "second");
  for (const [unit, size] of RELATIVE_UNITS) {
    const rounded = Math.round(amount);
    if (Math.abs(rounded) < size) return format.format(rounded, unit);
    amount /= size;
  }
  return null;
}

export type Described = {
  /** For the dateTime attribute: the instant, in UTC. */
  iso: string;
  /**
   * The date and time in the viewer's zone and format. A time without a zone reads as local, so
   * UTC (everyone's until they have a zone, and everyone's without JavaScript) says so.
   */
  exact: string;
  /** The same with the zone named: for a title. */
  exactWithZone: string;
  /** "3 hours ago", or null without a `now` or beyond a week. */
  relative: string | null;
};

export function describeInstant(value: string | Date, settings: TimeSettings): Described {
  return {
    iso: new Date(value).toISOString(),
    exact: formatInstant(value, settings, settings.timeZone === "UTC"),
    exactWithZone: formatInstant(value, settings, true),
    relative: settings.now === null ? null : formatRelative(value, settings.now, settings.locale),
  };
}
