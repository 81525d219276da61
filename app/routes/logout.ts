import { redirect } from "@remix-run/node";
import { revokeSession } from "#services/auth.ts";
import { publicIntentAction } from "#app/forms/intent-action.server.ts";
import { clearSessionCookie, readSessionToken } from "#app/forms/session.server.ts";

/** Signing out changes state, so it is a POST only; a GET just goes home. */
export const loader = () => redirect("/");

// Public: a session that has already expired may still sign out (and have its cookie cleared).
export const action = publicIntentAction({
  "sign-out": async ({ request }) => {
    await revokeSession(await readSessionToken(request));
    return { redirect: "/login", flash: "You have signed out.", headers: { "Set-Cookie": await clearSessionCookie(request) } };
  },
});
