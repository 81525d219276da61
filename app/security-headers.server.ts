import { isHttps } from "./request.server.ts";

/**
 * Headers every page, data and API response carries: no sniffing, a modest referrer, and framing
 * refused. HSTS only when the request came over HTTPS.
 */
export function securityHeaders(request: Request, headers: Headers) {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  if (isHttps(request)) headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return headers;
}

/**
 * The enforced Content-Security-Policy for an HTML page (docs/decisions/0012-content-security-policy.md).
 * Scripts run only from the app's own origin or inline with this response's nonce (Remix's hydration
 * context, streamed data and ScrollRestoration scripts carry it); styles only from the app's stylesheet,
 * so no `style=` attributes and no <style> elements; images from the app or `data:` URLs.
 */
export function contentSecurityPolicy(nonce: string) {
  if (import.meta.env.DEV) {
    // `npm run dev`: Vite's client and React Refresh inject inline scripts and <style> elements
    // that carry no nonce, and HMR talks over a WebSocket. Rather than a policy full of holes,
    // development keeps only the directives that do not get in Vite's way; the full policy is
    // what `npm start` (the production build, which the browser tests run) sends.
    return ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"].join("; ");
  }
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** The headers of an HTML page: the common ones plus the nonce CSP. */
export function htmlSecurityHeaders(request: Request, headers: Headers, nonce: string) {
  securityHeaders(request, headers);
  headers.set("Content-Security-Policy", contentSecurityPolicy(nonce));
  return headers;
}
