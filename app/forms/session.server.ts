import { createCookie, redirect } from "@remix-run/node";
import type { Actor } from "#services/actor.ts";
import { findSession, type SessionGrant } from "#services/auth.ts";
import type { TimePreference } from "#services/time-preferences.ts";
import { isHttps } from "#app/request.server.ts";

/**
 * The session cookie holds a random token; the database holds its hash (services/auth.ts).
 * Over HTTPS it is `Secure` with the `__Host-` prefix; over plain HTTP (a LAN address, a
 * laptop) it is neither, so that signing in works there too. NODE_ENV plays no part.
 */
const cookieOptions = { httpOnly: true, sameSite: "lax", path: "/" } as const;
const plainCookie = createCookie("tandem_session", cookieOptions);
const secureCookie = createCookie("__Host-tandem_session", { ...cookieOptions, secure: true });

const sessionCookie = (request: Request) => (isHttps(request) ? secureCookie : plainCookie);

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie(request).parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export function commitSessionCookie(request: Request, grant: SessionGrant) {
  return sessionCookie(request).serialize(grant.token, { expires: grant.expiresAt });
}

export function clearSessionCookie(request: Request) {
  return sessionCookie(request).serialize("", { maxAge: 0 });
}

/** `time`: the person's time preference, from the same lookup (app/time/settings.server.ts turns it into what pages format with). */
export type SignedIn = { actor: Actor; sessionId: string; time: TimePreference };

/**
 * Who is signed in, looked up once per request: a page's loaders (the signed-in layout's and the
 * page's own) all receive the same Request, so they share one lookup instead of one each. Remix
 * hands loaders that run after an action a new Request, so they see what the action changed (a
 * sign-out, a new role). Kept with the request itself: nothing outlives it.
 */
const lookups = new WeakMap<Request, Promise<SignedIn | null>>();

export function getSignedIn(request: Request): Promise<SignedIn | null> {
  let lookup = lookups.get(request);
  if (!lookup) {
    lookup = lookUpSignedIn(request);
    lookups.set(request, lookup);
  }
  return lookup;
}

async function lookUpSignedIn(request: Request): Promise<SignedIn | null> {
  const session = await findSession(await readSessionToken(request));
  return session ? { actor: session.actor, sessionId: session.sessionId, time: session.time } : null;
}

/** The signed-in person, or a redirect to /login that brings them back here afterwards. */
export async function requireSignedIn(request: Request): Promise<SignedIn> {
  const signedIn = await getSignedIn(request);
  if (signedIn) return signedIn;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  const search = back === "/" ? "" : `?${new URLSearchParams({ redirectTo: back })}`;
  throw redirect(`/login${search}`);
}
