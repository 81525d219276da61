import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { revokeSession } from "../../services/auth.ts";
import { redirectWithFlash } from "~/flash.server";
import { clearSessionCookie, readSessionToken } from "~/session.server";

/** Signing out changes state, so it is a POST only; a GET just goes home. */
export const loader = () => redirect("/");

export async function action({ request }: ActionFunctionArgs) {
  await revokeSession(await readSessionToken(request));
  return redirectWithFlash(
    "/login",
    { kind: "success", message: "You have signed out." },
    { headers: { "Set-Cookie": await clearSessionCookie(request) } },
  );
}
