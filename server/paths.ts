import type { Request } from "express";
import { trustProxy } from "../app/request.server.ts";

/**
 * The path as Remix will route it: dot segments resolved the way `new URL` resolves them
 * (`/api/../users` is `/users`), so a check here and Remix's routing never disagree about
 * which door a request goes to.
 */
export function routedPath(request: Request) {
  try {
    return new URL(request.originalUrl, "http://tandem.invalid").pathname;
  } catch {
    return request.path;
  }
}

/** The JSON API: bearer tokens only, its own methods (405 with Allow is its own answer). */
export function isApiPath(request: Request) {
  // Remix matches routes case-insensitively, so /API/users is the API too.
  return /^\/api(\/|$)/i.test(routedPath(request));
}

/** The host the client asked for: a trusted proxy's `X-Forwarded-Host`, else `Host`. */
export function requestedHost(request: Request): string | undefined {
  return (trustProxy() && request.get("x-forwarded-host")?.split(",")[0]?.trim()) || request.get("host");
}
