import type { NextFunction, Request, Response } from "express";
import { isApiPath, requestedHost, routedPath } from "./paths.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses a cross-site form post before Remix sees it: a page action whose `Origin` is another
 * site or `null` gets a clear 403 and changes nothing. (Remix would refuse it too, but with a
 * bare 500 that reads like a crash.) The API is left alone: it ignores cookies and takes bearer
 * tokens only, so a browser on another site cannot act through it.
 */
export function refuseCrossSitePosts(request: Request, response: Response, next: NextFunction) {
  if (SAFE_METHODS.has(request.method) || isApiPath(request)) return next();
  const origin = request.get("origin");
  if (origin === undefined) return next();
  const host = requestedHost(request);
  if (origin !== "null" && host && hostOf(origin) === host) return next();
  console.warn(`Refused a cross-site ${request.method} to ${routedPath(request)} from Origin ${origin}`);
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
