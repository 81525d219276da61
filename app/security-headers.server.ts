import { isHttps } from "./request.server";

/**
 * Headers every page and data response carries. The full Content-Security-Policy with a
 * nonce comes with the hardening work; framing is refused already, both ways.
 */
export function securityHeaders(request: Request, headers: Headers) {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Content-Security-Policy", "frame-ancestors 'none'; object-src 'none'; base-uri 'none'");
  if (isHttps(request)) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return headers;
}
