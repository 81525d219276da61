import type { TimePreference } from "#services/time-preferences.ts";
import { NEUTRAL_TIME, type TimeSettings } from "./format.ts";

/**
 * What a signed-in page formats times with (app/components/when.tsx), made once per request in the
 * signed-in layout's loader: the person's zone and format, or UTC and ISO where they have none, and
 * `now`, read once here so the server's "3 hours ago" and the browser's first render agree.
 */
export function timeSettingsFor(preference: TimePreference, now = new Date()): TimeSettings {
  return {
    timeZone: preference.timeZone ?? NEUTRAL_TIME.timeZone,
    locale: preference.locale ?? NEUTRAL_TIME.locale,
    now: now.getTime(),
  };
}
