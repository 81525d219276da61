import { describe, expect, it } from "vitest";
import { createSession, findSession } from "#services/auth.ts";
import { db } from "#services/db/client.ts";
import { ValidationError } from "#services/errors.ts";
import {
  closestDateFormat,
  dayInZone,
  setTimePreference,
  setTimePreferenceFromBrowser,
  startOfDayInZone,
} from "#services/time-preferences.ts";
import { getMe } from "#services/users.ts";
import { createUser } from "#tests/support/factories.ts";
import { rejectionOf } from "#tests/support/rejection.ts";

const stored = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { timeZone: true, locale: true, version: true } });

describe("setTimePreference: the person's own choice", () => {
  it("stores a zone by its canonical IANA name and a format, bumps the version, and GET /api/me's read shows them", async () => {
    const ada = await createUser();
    expect(await setTimePreference(ada.actor, { timeZone: " europe/berlin ", locale: "de-DE" })).toEqual({ timeZone: "Europe/Berlin", locale: "de-DE" });
    expect(await stored(ada.id)).toEqual({ timeZone: "Europe/Berlin", locale: "de-DE", version: 2 });
    expect(await getMe(ada.actor)).toMatchObject({ id: ada.id, email: ada.email, timeZone: "Europe/Berlin", locale: "de-DE", version: 2 });
  });

  it("refuses a zone that is not one, and an offset, naming the field; nothing is stored", async () => {
    const ada = await createUser();
    for (const timeZone of ["Mars/Olympus_Mons", "+01:00", "Europe/Berlin; DROP TABLE", "x".repeat(65)]) {
      const error = await rejectionOf(setTimePreference(ada.actor, { timeZone, locale: "en-GB" }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues.map((issue) => issue.field)).toEqual(["timeZone"]);
    }
    const unknown = await rejectionOf(setTimePreference(ada.actor, { timeZone: "Mars/Olympus_Mons" }));
    expect((unknown as ValidationError).issues[0]?.message).toBe(
      "“Mars/Olympus_Mons” is not a time zone Tandem knows. Use an IANA name such as Europe/Berlin or America/New_York.",
    );
    expect(await stored(ada.id)).toEqual({ timeZone: null, locale: null, version: 1 });
  });

  it("refuses a format that is not offered", async () => {
    const ada = await createUser();
    const error = await rejectionOf(setTimePreference(ada.actor, { timeZone: "UTC", locale: "tlh-KLINGON" }));
    expect((error as ValidationError).issues).toEqual([{ field: "locale", message: "Choose a date format: ISO, en-GB, en-US, de-DE, fr-FR, ja-JP." }]);
  });

  it("clears with an empty value or null, and leaves a field not sent alone", async () => {
    const ada = await createUser();
    await setTimePreference(ada.actor, { timeZone: "Asia/Tokyo", locale: "ja-JP" });
    expect(await setTimePreference(ada.actor, { timeZone: "" })).toEqual({ timeZone: null, locale: "ja-JP" });
    expect(await setTimePreference(ada.actor, { locale: null })).toEqual({ timeZone: null, locale: null });
  });

  it("reaches the session lookup every page starts with (no statement of its own)", async () => {
    const ada = await createUser();
    const { token } = await createSession(ada.id);
    expect((await findSession(token))?.time).toEqual({ timeZone: null, locale: null });
    await setTimePreference(ada.actor, { timeZone: "America/New_York", locale: "en-US" });
    expect((await findSession(token))?.time).toEqual({ timeZone: "America/New_York", locale: "en-US" });
  });
});

describe("setTimePreferenceFromBrowser: a first visit with JavaScript", () => {
  it("fills in an empty preference from the browser's zone and language", async () => {
    const ada = await createUser();
    expect(await setTimePreferenceFromBrowser(ada.actor, { timeZone: "Asia/Kolkata", language: "fr-FR" })).toBe(true);
    expect(await stored(ada.id)).toMatchObject({ timeZone: "Asia/Kolkata", locale: "fr-FR" });
  });

  it("never overwrites what is set: the person's own choice wins, field by field", async () => {
    const ada = await createUser();
    await setTimePreference(ada.actor, { timeZone: "Europe/Berlin" });
    expect(await setTimePreferenceFromBrowser(ada.actor, { timeZone: "America/Chicago", language: "en-US" })).toBe(true);
    expect(await stored(ada.id)).toMatchObject({ timeZone: "Europe/Berlin", locale: "en-US" });
    expect(await setTimePreferenceFromBrowser(ada.actor, { timeZone: "Asia/Tokyo", language: "ja-JP" })).toBe(false);
    expect(await stored(ada.id)).toMatchObject({ timeZone: "Europe/Berlin", locale: "en-US" });
  });

  it("ignores a zone the server does not know, and stores nothing for it", async () => {
    const ada = await createUser();
    expect(await setTimePreferenceFromBrowser(ada.actor, { timeZone: "Nowhere/Atlantis" })).toBe(false);
    expect(await stored(ada.id)).toEqual({ timeZone: null, locale: null, version: 1 });
  });

  it("maps a language to the closest offered format: same language first, else ISO", () => {
    expect(closestDateFormat("en-US")).toBe("en-US");
    expect(closestDateFormat("en-AU")).toBe("en-GB");
    expect(closestDateFormat("de")).toBe("de-DE");
    expect(closestDateFormat("de-AT")).toBe("de-DE");
    expect(closestDateFormat("FR-ca")).toBe("fr-FR");
    expect(closestDateFormat("pt-BR")).toBe("ISO");
  });
});

describe("days in a zone (the dashboard's buckets)", () => {
  it("name the calendar day an instant falls on there", () => {
    expect(dayInZone(new Date("2026-12-02T23:30:00Z"), "UTC")).toBe("2026-12-02");
    expect(dayInZone(new Date("2026-12-02T23:30:00Z"), "Asia/Tokyo")).toBe("2026-12-03");
    expect(dayInZone(new Date("2026-12-02T03:30:00Z"), "America/Los_Angeles")).toBe("2026-12-01");
  });

  it("begin at the zone's midnight, which daylight saving moves, and skips where midnight does not exist", () => {
    expect(startOfDayInZone("2026-03-29", "Europe/Berlin").toISOString()).toBe("2026-03-28T23:00:00.000Z"); // a 23-hour day
    expect(startOfDayInZone("2026-03-30", "Europe/Berlin").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDayInZone("2026-10-25", "Europe/Berlin").toISOString()).toBe("2026-10-24T22:00:00.000Z"); // a 25-hour day
    expect(startOfDayInZone("2026-10-26", "Europe/Berlin").toISOString()).toBe("2026-10-25T23:00:00.000Z");
    expect(startOfDayInZone("2026-12-02", "Asia/Kolkata").toISOString()).toBe("2026-12-01T18:30:00.000Z");
    // Chile moves its clocks at midnight: 6 September 2026 begins at 01:00 local time.
    expect(startOfDayInZone("2026-09-06", "America/Santiago").toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });
});
