import type { Request } from "express";
import { trustProxy } from "#app/request.server.ts";

/**
 * The path as Remix will route it. Remix builds its URL by appending the request target to
 * `http://` and the host (`new URL(http://host + originalUrl)`), so this does the same: dot
 * segments resolve the same way (`/api/../users` is `/users`), and so do a leading `//` or `/\`,
 * which a URL resolved against a base would instead read as a host. With the Host checked to be
 * a bare `host[:port]` (server/untrusted-headers.ts), the path is the same whatever the host, so
 * a check here and Remix's routing never disagree about which door a request goes to.
 */
export function routedPath(request: Request) {
  try {
    return new URL(`http://tandem.invalid${request.originalUrl}`).pathname;
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

/**
 * RFC 9110 §7.2 / RFC 3986 §3.2.2: `host [":" port]`, where host is an IP literal in brackets,
 * an IPv4 address or a registered name (letters, digits, `-._~`, the sub-delims and %-escapes),
 * and port is digits. No path, query, fragment, userinfo or space can hide in it.
 */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|(?:[A-Za-z0-9\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+)(?::[0-9]*)?$/;

/**
 * A Host (or X-Forwarded-Host) value that is `host[:port]` and that a URL can be built from (the
 * WHATWG parser Remix uses must take it too: a port up to 65535, a real IPv6 address, no escape
 * that decodes to a forbidden character).
 */
export function isValidHost(value: string) {
  return HOST.test(value) && URL.canParse(`http://${value}/`);
}
