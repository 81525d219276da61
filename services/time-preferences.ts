import { z } from "zod";
import type { Actor } from "./actor.ts";
import { db } from "#services/db/client.ts";
import { isText, notText, parseInput } from "./validation.ts";

/**
 * A person's time preference (decision 0031): the time zone their pages show times in and the
 * format dates read in. Both are null until the person, or their browser on a first visit, chose;
 * until then pages show UTC in the neutral ISO format, as they always did.
 */

/** The formats offered: "ISO" (2026-12-02 14:25, language-neutral) and a few locales Intl formats well. */
export const DATE_FORMATS = ["ISO", "en-GB", "en-US", "de-DE", "fr-FR", "ja-JP"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export type TimePreference = { timeZone: string | null; locale: DateFormat | null };

/** The zones this runtime lists (ICU's names: "Asia/Calcutta" rather than "Asia/Kolkata", which it also accepts). */
const LISTED_ZONES = new Map(Intl.supportedValuesOf("timeZone").map((zone) => [zone.toLowerCase(), zone]));

/**
 * The name to store when `name` is a zone this runtime knows, else null: the listed spelling
 * ("europe/berlin" gives "Europe/Berlin"), else ICU's own ("utc" gives "UTC"), else the name as
 * given (a current IANA name ICU only knows as an alias, such as "Asia/Kolkata", stays so).
 * Offsets ("+01:00") are refused: they know nothing of daylight saving.
 */
export function canonicalTimeZone(name: string): string | null {
  const listed = LISTED_ZONES.get(name.toLowerCase());
  if (listed) return listed; // every page's session read passes here: no Intl object for the usual case
  if (!/^[A-Za-z][A-Za-z0-9_+\-]*(\/[A-Za-z0-9_+\-]+)*$/.test(name)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  return resolved.toLowerCase() === name.toLowerCase() ? resolved : name;
}

const timeZoneSchema = z
  .string({ error: "A time zone is a name such as Europe/Berlin." })
  .trim()
  .refine(isText, notText("The time zone"))
  .max(64, "A time zone name is at most 64 characters.")
  .transform((name, context) => {
    const zone = canonicalTimeZone(name);
    if (zone) return zone;
    context.addIssue({ code: "custom", message: `“${name}” is not a time zone Tandem knows. Use an IANA name such as Europe/Berlin or America/New_York.` });
    return z.NEVER;
  });

const dateFormatSchema = z.enum(DATE_FORMATS, { error: `Choose a date format: ${DATE_FORMATS.join(", ")}.` });

/**
 * The settings form and the API: each field sent is set; an empty string or null clears it (pages
 * then show UTC, or the neutral format, and the browser may fill it in again).
 */
const emptyIsNone = (value: unknown) => (value === "" ? null : value);

export const timePreferenceSchema = z.object({
  timeZone: z.preprocess(emptyIsNone, timeZoneSchema.nullable()).optional(),
  locale: z.preprocess(emptyIsNone, dateFormatSchema.nullable()).optional(),
});

/** What a browser says of itself (Intl's resolved zone, navigator.language): taken only where it fits. */
export const browserTimeSchema = z.object({
  timeZone: z.string().max(100).optional(),
  language: z.string().max(100).optional(),
});

/** The person sets their own preference (nobody sets another's: there is no id to name). */
export async function setTimePreference(actor: Actor, input: unknown): Promise<TimePreference> {
  const { timeZone, locale } = parseInput(timePreferenceSchema, input);
  const data = { ...(timeZone !== undefined ? { timeZone } : {}), ...(locale !== undefined ? { locale } : {}) };
  const user = await db.user.update({
    where: { id: actor.id },
    data: { ...data, version: { increment: 1 } },
    select: { timeZone: true, locale: true },
  });
  return toPreference(user);
}

/**
 * The browser's zone and language, stored only in the fields still empty, each in one conditional
 * write (a person's own choice is never overwritten, however the requests race). A zone the
 * runtime does not know is ignored; a language becomes the offered format of the same language
 * ("en-AU" gives en-GB, the first English one), else ISO. Returns whether anything was stored.
 */
export async function setTimePreferenceFromBrowser(actor: Actor, input: unknown): Promise<boolean> {
  const browser = parseInput(browserTimeSchema, input);
  const timeZone = browser.timeZone ? canonicalTimeZone(browser.timeZone) : null;
  const locale = browser.language ? closestDateFormat(browser.language) : null;
  let changed = 0;
  if (timeZone) {
    const { count } = await db.user.updateMany({ where: { id: actor.id, timeZone: null }, data: { timeZone, version: { increment: 1 } } });
    changed += count;
  }
  if (locale) {
    const { count } = await db.user.updateMany({ where: { id: actor.id, locale: null }, data: { locale, version: { increment: 1 } } });
    changed += count;
  }
  return changed > 0;
}

export function closestDateFormat(language: string): DateFormat {
  const wanted = language.trim().toLowerCase();
  const exact = DATE_FORMATS.find((format) => format.toLowerCase() === wanted);
  if (exact) return exact;
  const base = wanted.split(/[-_]/)[0];
  return DATE_FORMATS.find((format) => format !== "ISO" && format.toLowerCase().split("-")[0] === base) ?? "ISO";
}

/** A stored value that is no longer offered reads as none. */
export function toPreference(row: { timeZone: string | null; locale: string | null }): TimePreference {
  const locale = (DATE_FORMATS as readonly string[]).includes(row.locale ?? "") ? (row.locale as DateFormat) : null;
  return { timeZone: row.timeZone ? canonicalTimeZone(row.timeZone) : null, locale };
}

// ---- Days in a zone: the dashboard counts by the viewer's days ----

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in a zone. */
export function dayInZone(instant: Date, timeZone: string): string {
  let format = dayFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * The instant a calendar day begins in a zone (midnight, or the first moment after it where a
 * daylight-saving change skips midnight). Found from the zone's offset around UTC midnight, checked.
 */
export function startOfDayInZone(day: string, timeZone: string): Date {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Offsets are within ±14 hours and whole quarter-hours: walking from 14 hours before UTC
  // midnight in quarter-hours, the first instant already on `day` is where it begins.
  for (let minutes = -14 * 60; minutes <= 14 * 60; minutes += 15) {
    const candidate = new Date(utcMidnight + minutes * 60_000);
    if (dayInZone(candidate, timeZone) === day) return candidate;
  }
  throw new Error(`No start of ${day} in ${timeZone}`);
}
