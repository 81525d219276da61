import { render, screen } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { TimePreferenceForm } from "#app/components/settings-forms.tsx";
import { Day, TimeSettingsProvider, When } from "#app/components/when.tsx";
import type { TimeSettings } from "#app/time/format.ts";
import { descriptionsOf, errorMessageOf, formState, renderWithState } from "./helpers.tsx";

const NOW = Date.parse("2026-12-02T13:00:00Z");
/**
 * As the server renders it (and the browser's first render, which hydrates it): once hydrated the
 * provider moves `now` to the browser's clock, which these fixed instants would not match.
 */
const inZone = (settings: TimeSettings, node: React.ReactNode) => {
  document.body.innerHTML = renderToString(<TimeSettingsProvider settings={settings}>{node}</TimeSettingsProvider>);
};
const times = () => Array.from(document.querySelectorAll("time"));

describe("<When> and <Day>", () => {
  beforeEach(() => {
    document.body.innerHTML = "";
  });

  it("shows an instant relative to the loader's now, with the exact value in the viewer's zone in its title", () => {
    inZone({ timeZone: "Europe/Berlin", locale: "en-GB", now: NOW }, <When value="2026-12-02T10:00:00Z" />);
    const [time] = times();
    expect(time!.textContent).toBe("3 hours ago");
    expect(time!.getAttribute("datetime")).toBe("2026-12-02T10:00:00.000Z");
    expect(time!.getAttribute("title")).toBe("2 Dec 2026, 11:00 CET");
    expect(time!.className).toBe("when");
  });

  it("shows both, or only the exact value, when asked; the exact value beyond a week", () => {
    inZone(
      { timeZone: "America/New_York", locale: "ISO", now: NOW },
      <>
        <When value="2026-12-02T10:00:00Z" show="both" />
        <When value="2026-12-02T10:00:00Z" show="exact" />
        <When value="2026-11-01T10:00:00Z" /> {/* after the clocks went back that morning: UTC-5 */}
      </>,
    );
    expect(times().map((time) => time.textContent)).toEqual(["3 hours ago (2026-12-02 05:00)", "2026-12-02 05:00", "2026-11-01 05:00"]);
  });

  it("once in the browser, counts from the browser's clock (a page left open does not keep saying 'now')", () => {
    render(
      <TimeSettingsProvider settings={{ timeZone: "UTC", locale: "en-GB", now: Date.parse("2020-01-01T00:00:00Z") }}>
        <When value={new Date(Date.now() - 2 * 3_600_000)} />
      </TimeSettingsProvider>,
    );
    expect(times()[0]!.textContent).toBe("2 hours ago");
  });

  it("without a provider (outside the signed-in frame) is UTC in ISO, and says UTC", () => {
    render(<When value="2026-12-02T10:00:00Z" />);
    expect(times()[0]!.textContent).toBe("2026-12-02 10:00 UTC");
  });

  it("shows a due date as that day in the viewer's format, whatever their zone", () => {
    inZone({ timeZone: "Pacific/Kiritimati", locale: "de-DE", now: NOW }, <Day value="2031-05-01" />);
    expect(times()[0]!.textContent).toBe("1. Mai 2031");
    expect(times()[0]!.getAttribute("datetime")).toBe("2031-05-01");
  });
});

describe("the time zone and date format form", () => {
  const formats = [
    { value: "ISO", label: "ISO 8601: 2026-12-02 14:25" },
    { value: "en-GB", label: "English (UK): 2 Dec 2026, 14:25" },
  ];

  it("shows the stored values, the zones as suggestions and a hint", () => {
    renderWithState(() => <TimePreferenceForm timeZone="Europe/London" locale="en-GB" formats={formats} zones={["Europe/London", "Asia/Tokyo"]} />, null);
    const zone = screen.getByLabelText("Time zone") as HTMLInputElement;
    expect(zone.value).toBe("Europe/London");
    expect(zone.getAttribute("list")).toBe("time-zones");
    expect(Array.from(document.querySelectorAll("#time-zones option")).map((option) => option.getAttribute("value"))).toEqual(["Europe/London", "Asia/Tokyo"]);
    expect(descriptionsOf(zone)[0]).toMatch(/^An IANA name/);
    expect((screen.getByLabelText("Date format") as HTMLSelectElement).value).toBe("en-GB");
  });

  it("ties the error to the zone field and keeps what was typed", () => {
    renderWithState(
      (state) => <TimePreferenceForm timeZone={null} locale={null} formats={formats} zones={[]} state={state} />,
      formState({ intent: "time-preference", fieldErrors: { timeZone: "“Mars/Base” is not a time zone Tandem knows." }, values: { timeZone: "Mars/Base", locale: "ISO" } }),
    );
    const zone = screen.getByLabelText("Time zone") as HTMLInputElement;
    expect(zone.value).toBe("Mars/Base");
    expect(zone.getAttribute("aria-invalid")).toBe("true");
    expect(errorMessageOf(zone)).toBe("“Mars/Base” is not a time zone Tandem knows.");
  });
});
