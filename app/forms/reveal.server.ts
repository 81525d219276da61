import { stashReveal, takeReveal, type Reveal } from "#services/reveal.ts";
import { readSessionToken } from "./session.server.ts";

/**
 * The form door's side of a reveal (services/reveal.ts): an action keeps something to show once
 * (a new token's secret, a link to pass on) for the page it redirects to, and that page's loader
 * takes it. The session cookie's token is the key, so only this browser's session can open it.
 */
export async function revealOnNextPage(request: Request, reveal: Reveal): Promise<void> {
  const token = await readSessionToken(request);
  if (token) await stashReveal(token, reveal);
}

export async function takeRevealed<K extends Reveal["kind"]>(request: Request, kind: K): Promise<Extract<Reveal, { kind: K }> | null> {
  const token = await readSessionToken(request);
  return token ? takeReveal(token, kind) : null;
}

/** A page that may carry a secret is never stored by a browser or a proxy. */
export const NO_STORE = { "Cache-Control": "no-store" };
