import { countUnread, UNREAD_COUNT_CAP } from "#services/notifications.ts";
import { timeSettingsFor } from "#app/time/settings.server.ts";
import type { SignedIn } from "./session.server.ts";

/** `unread` is the badge's text, "0" for none. */
export type Me = { name: string; role: string; unread: string };

/**
 * What the signed-in frame needs (app/components/frame.tsx): for the signed-in layout and for the
 * not-found page, which is outside it.
 * - `me`: the unread count is read on every page load (one indexed statement), so the badge is
 *   right without JavaScript; shown as "99+" from the cap on (the text is made here: services stay
 *   out of the browser build).
 * - `time`: every time on the pages below is shown with these (app/components/when.tsx; decision 0031).
 * - `askBrowserForTime`: the person has no zone yet, so the browser is asked for its own, once.
 */
export async function frameData({ actor, time }: Pick<SignedIn, "actor" | "time">) {
  const unread = await countUnread(actor);
  const me: Me = { name: actor.name, role: actor.role, unread: unread >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP - 1}+` : String(unread) };
  return { me, time: timeSettingsFor(time), askBrowserForTime: time.timeZone === null };
}
