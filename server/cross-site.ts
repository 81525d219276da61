import type { NextFunction, Request, Response } from "express";
import { isApiPath, requestedHost, routedPath } from "./paths.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** ALLOWED_SAME_SITE=1: form posts from other origins of the same site (Sec-Fetch-Site: same-site) go through. */
export function allowSameSite() {
  return /^(1|true|yes)$/i.test(process.env.ALLOWED_SAME_SITE ?? "");
}

/**
 * Refuses a cross-site form post before Remix sees it, with a clear 403 that changes nothing.
 * (Remix would refuse some too, but with a bare 500 that reads like a crash.) As OWASP's CSRF
 * guidance and Go's CrossOriginProtection do it:
 *
 * - `Sec-Fetch-Site`, when the browser sent it (every current browser does, on every request;
 *   no page can set or remove it), decides: `same-origin` and `none` (the person typed the
 *   address) go through; `same-site` (another port or subdomain of the same site) only with
 *   ALLOWED_SAME_SITE=1; `cross-site` and anything else are refused, with or without an `Origin`.
 * - Without it (an older browser), `Origin` does: another site or `null` is refused.
 * - With neither, it is not a browser's cross-site request, and goes through.
 *
 * The API is left alone: it ignores cookies and takes bearer tokens only, so a browser on another
 * site cannot act through it.
 */
export function refuseCrossSitePosts(request: Request, response: Response, next: NextFunction) {
  if (SAFE_METHODS.has(request.method) || isApiPath(request)) return next();
  const site = request.get("sec-fetch-site");
  if (site) {
    if (site === "same-origin" || site === "none" || (site === "same-site" && allowSameSite())) {
      // The browser's word decides. Remix's own check compares `Origin` with Host character for
      // character and would turn a post it accepts (a same-site sibling, `Origin: null` on a
      // typed address) into a bare 500, so it does not get an Origin to second-guess.
      delete request.headers.origin;
      return next();
    }
    return refuse(request, response, `Sec-Fetch-Site ${site}`);
  }
  const origin = request.get("origin");
  if (origin === undefined) return next();
  const host = requestedHost(request);
  if (origin !== "null" && host && hostOf(origin) === host) return next();
  refuse(request, response, `Origin ${origin}`);
}

function refuse(request: Request, response: Response, from: string) {
  console.warn(`Refused a cross-site ${request.method} to ${routedPath(request)} from ${from}`);
  response
    .status(403)
    .type("text/plain")
    .set("Connection", "close")
    .send("This form was sent from another site, so it was refused and nothing was changed. Go back to Tandem and try again there.");
}

function hostOf(origin: string) {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
