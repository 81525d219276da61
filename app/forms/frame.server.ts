import type { Actor } from "#services/actor.ts";
import { countUnread, UNREAD_COUNT_CAP } from "#services/notifications.ts";

/** `unread` is the badge's text, "0" for none. */
export type Me = { name: string; role: string; unread: string };

/**
 * What the signed-in frame shows about the person (app/components/frame.tsx): for the signed-in
 * layout and for the not-found page, which is outside it. Counted on every page load (one indexed
 * statement), so the badge is right without JavaScript; shown as "99+" from the cap on (the text
 * is made here: services stay out of the browser build).
 */
export async function frameData(actor: Actor): Promise<Me> {
  const unread = await countUnread(actor);
  return { name: actor.name, role: actor.role, unread: unread >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP - 1}+` : String(unread) };
}
