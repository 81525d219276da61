import type { NextFunction, Request, Response } from "express";
import { trustProxy } from "#app/request.server.ts";
import { isValidHost } from "./paths.ts";

const FORWARDED = ["forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-for", "x-forwarded-port"];

/**
 * Headers any client can write, made harmless before anything reads them, and the request's URL
 * made the one thing every later step agrees on. It runs before anything else.
 *
 * Without TRUST_PROXY the forwarded headers are dropped: Remix's own action check and the request
 * URL it builds would otherwise take a host or port from `X-Forwarded-Host` (a same-site form post
 * carrying one got a 500 from that check; `X-Forwarded-Host: a:99999` made every page a 500).
 *
 * Remix routes on `new URL(http:// + host + target)`, while the guards (page methods, cross-site
 * posts, the JSON door) read the target alone (server/paths.ts). So a Host must be `host[:port]`
 * (RFC 9112 §3.2): `Host: 127.0.0.1/tasks/new?` on `PUT /api/x` passed the guards as an API call
 * and had Remix run the task form's action. A Host that is not, two Host lines, a trusted proxy's
 * `X-Forwarded-Host` that is not, or a target that is not a path (absolute or authority form) is a
 * 400 here. A trusted `X-Forwarded-Host` is cut to its first entry, the one that is checked and the
 * one every later reader then sees.
 */
export function dropUntrustedHeaders(request: Request, response: Response, next: NextFunction) {
  if (!trustProxy()) for (const name of FORWARDED) delete request.headers[name];
  if (!hostIsValid(request) || !forwardedHostIsValid(request) || !targetIsPath(request)) {
    console.warn(`Refused a ${request.method} with Host ${JSON.stringify(request.headers.host ?? null)} and target ${JSON.stringify(request.originalUrl)}`);
    response
      .status(400)
      .type("text/plain")
      .set("Connection", "close")
      .send("The request's Host header or path is not valid, so it was refused and nothing was changed.");
    return;
  }
  next();
}

function hostIsValid(request: Request) {
  let lines = 0;
  for (let i = 0; i < request.rawHeaders.length; i += 2) if (request.rawHeaders[i]!.toLowerCase() === "host") lines++;
  // No Host at all (HTTP/1.0; Node refuses an HTTP/1.1 request without one) is left to Remix, which copes.
  if (lines === 0) return true;
  return lines === 1 && isValidHost(request.headers.host ?? "");
}

function forwardedHostIsValid(request: Request) {
  const forwarded = request.headers["x-forwarded-host"];
  if (forwarded === undefined) return true;
  const first = [forwarded].flat().join(",").split(",")[0]!.trim();
  // Empty, it is not there (Remix and Express read it so too).
  if (first === "") {
    delete request.headers["x-forwarded-host"];
    return true;
  }
  if (!isValidHost(first)) return false;
  request.headers["x-forwarded-host"] = first;
  return true;
}

function targetIsPath(request: Request) {
  // Origin form only: a path from the root. `//host/...` is a path too (Remix routes it as one).
  return request.originalUrl.startsWith("/") && URL.canParse(`http://tandem.invalid${request.originalUrl}`);
}
