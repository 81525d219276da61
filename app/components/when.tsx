import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { describeInstant, formatDay, NEUTRAL_TIME, type TimeSettings } from "#app/time/format.ts";

/**
 * Every time and date a page shows goes through here (decision 0031). The signed-in layout
 * provides the viewer's settings (zone, format, the loader's `now`: app/time/settings.server.ts);
 * anything rendered outside it, or without a preference, shows UTC in the neutral ISO format.
 *
 *   <When value={task.createdAt} />                 "3 hours ago", the exact time in its title
 *   <When value={task.createdAt} show="both" />     "3 hours ago (2 Dec 2026, 14:25)"
 *   <When value={token.expiresAt} show="exact" />   "2 Dec 2026, 14:25"
 *   <Day value={task.dueDate} />                    "2 Dec 2026", never shifted by the zone
 *   useTimeSettings() + app/time/format.ts          for text that is not an element (an accessible name)
 */
const TimeSettingsContext = createContext<TimeSettings>(NEUTRAL_TIME);

export function useTimeSettings(): TimeSettings {
  return useContext(TimeSettingsContext);
}

/**
 * Renders with the loader's `now` (so the server's text and the first render in the browser agree),
 * then, once hydrated, with the browser's clock every minute, so "2 minutes ago" does not stay
 * two minutes old on a page left open or reached by a client-side navigation.
 */
export function TimeSettingsProvider({ settings, children }: { settings: TimeSettings; children: ReactNode }) {
  const [clock, setClock] = useState<number | null>(null);
  useEffect(() => {
    setClock(Date.now());
    const timer = setInterval(() => setClock(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const value = clock === null || settings.now === null ? settings : { ...settings, now: Math.max(clock, settings.now) };
  return <TimeSettingsContext.Provider value={value}>{children}</TimeSettingsContext.Provider>;
}

type Show = "relative" | "exact" | "both";

/**
 * An instant: relative when within a week ("3 hours ago"), else the exact date and time, in the
 * viewer's zone; the title always holds the exact value with its zone. `suppressHydrationWarning`:
 * the browser's Intl data may space a time differently from the server's (a narrow no-break space
 * before "PM"); the server's text stays until the next render.
 */
export function When({ value, show = "relative" }: { value: string | Date; show?: Show }) {
  const described = describeInstant(value, useTimeSettings());
  const exactOnly = show === "exact" || described.relative === null;
  return (
    <time
      className={exactOnly || show === "relative" ? "when" : "when when--both"}
      dateTime={described.iso}
      title={described.exactWithZone}
      suppressHydrationWarning
    >
      {exactOnly ? (
        described.exact
      ) : show === "both" ? (
        // Two parts that may go on two lines on a phone, neither broken inside itself.
        <>
          <span className="when__part">{described.relative}</span> <span className="when__part">{`(${described.exact})`}</span>
        </>
      ) : (
        described.relative
      )}
    </time>
  );
}

/** A calendar day ("YYYY-MM-DD", a due date) in the viewer's format; no zone moves it. */
export function Day({ value }: { value: string }) {
  const settings = useTimeSettings();
  return (
    <time className="when" dateTime={value} suppressHydrationWarning>
      {formatDay(value, settings)}
    </time>
  );
}

/** The exact time as plain text, as a <When> shows it, for words around an element (a button's accessible name). */
export function useExactTime(): (value: string | Date) => string {
  const settings = useTimeSettings();
  return (value) => describeInstant(value, settings).exact;
}
