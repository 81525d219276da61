import { describe, expect, it } from "vitest";
import { describeInstant, formatDay, formatInstant, formatRelative, NEUTRAL_TIME } from "#app/time/format.ts";

/** ICU puts narrow or no-break spaces in some formats ("1:59 AM"); the words are what matter. */
const plain = (text: string | null) => text?.replace(/\s/g, " ") ?? null;
const at = (iso: string) => new Date(iso);

describe("an instant in the viewer's zone and format", () => {
  it("is UTC in the neutral ISO format without a preference, and says UTC", () => {
    expect(describeInstant("2026-12-02T13:25:00Z", NEUTRAL_TIME)).toEqual({
      iso: "2026-12-02T13:25:00.000Z",
      exact: "2026-12-02 13:25 UTC",
      exactWithZone: "2026-12-02 13:25 UTC",
      relative: null,
    });
  });

  it("moves into the viewer's zone, across the day boundary", () => {
    const late = at("2026-12-02T23:30:00Z");
    expect(formatInstant(late, { timeZone: "Asia/Tokyo", locale: "ISO" })).toBe("2026-12-03 08:30");
    expect(formatInstant(late, { timeZone: "America/Los_Angeles", locale: "ISO" })).toBe("2026-12-02 15:30");
    expect(formatInstant(late, { timeZone: "Asia/Kolkata", locale: "ISO", }, true)).toBe("2026-12-03 05:00 UTC+05:30");
  });

  it("follows daylight saving: the minute before and after Berlin's spring and autumn changes", () => {
    const berlin = (iso: string, locale = "ISO") => plain(formatInstant(iso, { timeZone: "Europe/Berlin", locale }, true));
    expect(berlin("2026-03-29T00:59:00Z")).toBe("2026-03-29 01:59 UTC+01:00");
    expect(berlin("2026-03-29T01:00:00Z")).toBe("2026-03-29 03:00 UTC+02:00");
    expect(berlin("2026-10-25T00:59:00Z")).toBe("2026-10-25 02:59 UTC+02:00");
    expect(berlin("2026-10-25T01:00:00Z")).toBe("2026-10-25 02:00 UTC+01:00");
    expect(berlin("2026-03-29T00:59:00Z", "en-GB")).toBe("29 Mar 2026, 01:59 CET");
    expect(berlin("2026-03-29T01:00:00Z", "en-GB")).toBe("29 Mar 2026, 03:00 CEST");
  });

  it("reads the way each offered format writes it", () => {
    const moment = at("2026-12-02T13:25:00Z");
    const inNewYork = (locale: string) => plain(formatInstant(moment, { timeZone: "America/New_York", locale }));
    expect(inNewYork("ISO")).toBe("2026-12-02 08:25");
    expect(inNewYork("en-GB")).toBe("2 Dec 2026, 8:25");
    expect(inNewYork("en-US")).toBe("Dec 2, 2026, 8:25 AM");
    expect(inNewYork("de-DE")).toBe("2. Dez. 2026, 8:25");
    expect(inNewYork("fr-FR")).toBe("2 déc. 2026, 8:25");
    expect(inNewYork("ja-JP")).toBe("2026年12月2日 8:25");
  });
});

describe("relative times", () => {
  const now = Date.parse("2026-12-02T13:00:00Z");

  it("says how long ago, in the viewer's language (English for ISO)", () => {
    expect(formatRelative("2026-12-02T12:59:40Z", now, "ISO")).toBe("now");
    expect(formatRelative("2026-12-02T12:55:00Z", now, "en-GB")).toBe("5 minutes ago");
    expect(formatRelative("2026-12-02T10:00:00Z", now, "ISO")).toBe("3 hours ago");
    expect(formatRelative("2026-12-02T10:00:00Z", now, "de-DE")).toBe("vor 3 Stunden");
    expect(formatRelative("2026-12-01T13:00:00Z", now, "en-US")).toBe("yesterday");
    expect(formatRelative("2026-12-04T13:00:00Z", now, "en-GB")).toBe("in 2 days");
  });

  it("rounds up to the next unit rather than saying 60 minutes", () => {
    expect(formatRelative("2026-12-02T12:00:20Z", now, "en-GB")).toBe("1 hour ago");
  });

  it("gives way to the exact date beyond a week", () => {
    expect(formatRelative("2026-11-20T13:00:00Z", now, "en-GB")).toBeNull();
    const described = describeInstant("2026-11-20T13:00:00Z", { timeZone: "Europe/Paris", locale: "fr-FR", now });
    expect(described.relative).toBeNull();
    expect(plain(described.exact)).toBe("20 nov. 2026, 14:00");
    expect(plain(described.exactWithZone)).toBe("20 nov. 2026, 14:00 UTC+1");
  });

  it("is computed from the `now` given, never the clock (the server's and the browser's first render agree)", () => {
    const settings = { timeZone: "UTC", locale: "en-GB", now: Date.parse("2020-01-01T12:00:00Z") };
    expect(describeInstant("2020-01-01T09:00:00Z", settings).relative).toBe("3 hours ago");
  });
});

describe("calendar days (due dates)", () => {
  it("are never shifted by a zone: the same day in every format", () => {
    expect(formatDay("2026-12-02", { locale: "ISO" })).toBe("2026-12-02");
    expect(formatDay("2026-12-02", { locale: "en-GB" })).toBe("2 Dec 2026");
    expect(formatDay("2026-12-02", { locale: "en-US" })).toBe("Dec 2, 2026");
    expect(formatDay("2026-12-02", { locale: "de-DE" })).toBe("2. Dez. 2026");
    expect(formatDay("2026-12-02", { locale: "ja-JP" })).toBe("2026年12月2日");
    // A viewer in Honolulu or Kiritimati (UTC-10, UTC+14) gets the same day: formatDay takes no zone at all.
    expect(formatDay("2026-01-01", { locale: "en-GB", timeZone: "Pacific/Honolulu" } as never)).toBe("1 Jan 2026");
  });

  it("have a short form for a chart's axis (the year left out, except in ISO)", () => {
    expect(formatDay("2026-03-01", { locale: "en-US" }, true)).toBe("Mar 1");
    expect(formatDay("2026-03-01", { locale: "en-GB" }, true)).toBe("1 Mar");
    expect(formatDay("2026-03-01", { locale: "ISO" }, true)).toBe("2026-03-01");
  });
});
