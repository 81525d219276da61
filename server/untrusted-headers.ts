import type { NextFunction, Request, Response } from "express";
import { trustProxy } from "../app/request.server.ts";
import { requestedHost } from "./paths.ts";

const FORWARDED = ["forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-for", "x-forwarded-port"];

/**
 * Headers any client can write, made harmless before anything reads them. Without TRUST_PROXY
 * the forwarded headers are dropped: Remix's own action check and the request URL it builds
 * would otherwise take a host or port from `X-Forwarded-Host` (a same-site form post carrying
 * one got a 500 from that check; `X-Forwarded-Host: a:99999` made every page a 500). And a Host
 * that cannot form a URL (`Host: a:99999`) is a bad request (400), not the 500 Remix's URL step
 * would throw.
 */
export function dropUntrustedHeaders(request: Request, response: Response, next: NextFunction) {
  if (!trustProxy()) for (const name of FORWARDED) delete request.headers[name];
  // No Host at all (HTTP/1.0) is left to Remix, which copes; only a malformed one is refused.
  const host = requestedHost(request) || "localhost";
  if (URL.canParse(`http://${host}/`) && URL.canParse(`http://${host}${request.originalUrl}`)) return next();
  response
    .status(400)
    .type("text/plain")
    .set("Connection", "close")
    .send("The request's Host header or path is not valid, so it was refused and nothing was changed.");
}
