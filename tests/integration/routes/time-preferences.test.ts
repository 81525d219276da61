import { describe, expect, it } from "vitest";
import { db } from "#services/db/client.ts";
import { setTimePreference } from "#services/time-preferences.ts";
import * as home from "#app/routes/home.tsx";
import * as settings from "#app/routes/settings.tsx";
import * as layout from "#app/routes/signed-in-layout.tsx";
import { createTaskRow, createUser } from "#tests/support/factories.ts";
import { flashOf, getRequest, postForm, run, signIn } from "#tests/support/http.ts";

const stored = (id: string) => db.user.findUniqueOrThrow({ where: { id }, select: { timeZone: true, locale: true } });

describe("the time preference on the settings page", () => {
  it("shows the stored zone and format, the formats with an example in the person's zone, and zones to pick from", async () => {
    const ada = await createUser();
    await setTimePreference(ada.actor, { timeZone: "Asia/Tokyo", locale: "en-GB" });
    const result = await run(settings.loader, getRequest("/settings", { cookie: await signIn(ada) }));
    const data = result.data as Awaited<ReturnType<typeof settings.loader>>;
    expect(data.time).toEqual({ timeZone: "Asia/Tokyo", locale: "en-GB" });
    expect(data.formats.map((format) => format.value)).toEqual(["ISO", "en-GB", "en-US", "de-DE", "fr-FR", "ja-JP"]);
    // 14:25 UTC is 23:25 in Tokyo.
    expect(data.formats[0]!.label).toBe("ISO 8601: 2026-12-02 23:25");
    expect(data.formats[1]!.label.replace(/\s/g, " ")).toBe("English (UK): 2 Dec 2026, 23:25");
    expect(data.zones).toContain("Europe/Berlin");
  });

  it("saves a zone and a format and says so", async () => {
    const ada = await createUser();
    const result = await run(
      settings.action,
      postForm("/settings", { intent: "time-preference", timeZone: "America/New_York", locale: "en-US" }, { cookie: await signIn(ada) }),
    );
    expect(result).toRedirectTo("/settings");
    expect(await flashOf(result.headers)).toBe("Times now show in America/New_York.");
    expect(await stored(ada.id)).toEqual({ timeZone: "America/New_York", locale: "en-US" });
  });

  it("refuses a zone that is not one with a clear message, keeping what was typed and storing nothing", async () => {
    const ada = await createUser();
    await setTimePreference(ada.actor, { timeZone: "Europe/Paris", locale: "fr-FR" });
    const result = await run(
      settings.action,
      postForm("/settings", { intent: "time-preference", timeZone: "Europe/Atlantis", locale: "de-DE" }, { cookie: await signIn(ada) }),
    );
    expect(result.status).toBe(400);
    expect(result.data).toMatchObject({
      intent: "time-preference",
      fieldErrors: { timeZone: "“Europe/Atlantis” is not a time zone Tandem knows. Use an IANA name such as Europe/Berlin or America/New_York." },
      values: { timeZone: "Europe/Atlantis", locale: "de-DE" },
    });
    expect(await stored(ada.id)).toEqual({ timeZone: "Europe/Paris", locale: "fr-FR" });
  });

  it("clears the zone when the field is left empty (UTC again)", async () => {
    const ada = await createUser();
    await setTimePreference(ada.actor, { timeZone: "Europe/Paris", locale: "fr-FR" });
    const result = await run(settings.action, postForm("/settings", { intent: "time-preference", timeZone: "", locale: "ISO" }, { cookie: await signIn(ada) }));
    expect(result).toRedirectTo("/settings");
    expect(await flashOf(result.headers)).toBe("Times now show in UTC.");
    expect(await stored(ada.id)).toEqual({ timeZone: null, locale: "ISO" });
  });
});

describe("POST /settings, intent browser-default (the browser's zone and language, once)", () => {
  it("sets an empty preference and answers data, not a redirect (a fetcher sends it)", async () => {
    const ada = await createUser();
    const result = await run(
      settings.action,
      postForm("/settings", { intent: "browser-default", timeZone: "Australia/Sydney", language: "en-AU" }, { cookie: await signIn(ada) }),
    );
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ stored: true });
    expect(await stored(ada.id)).toEqual({ timeZone: "Australia/Sydney", locale: "en-GB" });
  });

  it("changes nothing once the person has a preference", async () => {
    const ada = await createUser();
    await setTimePreference(ada.actor, { timeZone: "Europe/Berlin", locale: "de-DE" });
    const result = await run(
      settings.action,
      postForm("/settings", { intent: "browser-default", timeZone: "America/Denver", language: "en-US" }, { cookie: await signIn(ada) }),
    );
    expect(result.data).toEqual({ stored: false });
    expect(await stored(ada.id)).toEqual({ timeZone: "Europe/Berlin", locale: "de-DE" });
  });

  it("needs a signed-in person", async () => {
    const result = await run(settings.action, postForm("/settings", { intent: "browser-default", timeZone: "UTC" }));
    expect(result).toRedirectTo("/login?redirectTo=%2Fsettings");
  });
});

describe("what the signed-in frame gives every page", () => {
  it("asks the browser only while the person has no zone, and formats in UTC and ISO meanwhile", async () => {
    const ada = await createUser();
    const cookie = await signIn(ada);
    const before = (await run(layout.loader, getRequest("/", { cookie }))).data as Awaited<ReturnType<typeof layout.loader>>;
    expect(before.askBrowserForTime).toBe(true);
    expect(before.time).toMatchObject({ timeZone: "UTC", locale: "ISO", now: expect.any(Number) });

    await run(settings.action, postForm("/settings", { intent: "browser-default", timeZone: "Asia/Tokyo", language: "ja" }, { cookie }));
    const after = (await run(layout.loader, getRequest("/", { cookie }))).data as Awaited<ReturnType<typeof layout.loader>>;
    expect(after.askBrowserForTime).toBe(false);
    expect(after.time).toMatchObject({ timeZone: "Asia/Tokyo", locale: "ja-JP" });
  });

  it("the dashboard's chart counts by the person's days", async () => {
    const ada = await createUser();
    await setTimePreference(ada.actor, { timeZone: "Pacific/Kiritimati" }); // UTC+14: already tomorrow for most
    await createTaskRow(ada, { status: "DONE", completedAt: new Date() });
    const data = (await run(home.loader, getRequest("/", { cookie: await signIn(ada) }))).data as Awaited<ReturnType<typeof home.loader>>;
    const kiritimatiToday = new Intl.DateTimeFormat("en-CA", { timeZone: "Pacific/Kiritimati" }).format(new Date());
    expect(data.dashboard.completedPerDay.at(-1)).toEqual({ date: kiritimatiToday, count: 1 });
  });
});
