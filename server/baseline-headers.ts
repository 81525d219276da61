import type { NextFunction, Request, Response } from "express";
import onHeaders from "on-headers";

/** What is right for every answer, whoever writes it. */
const BASELINE: Record<string, string> = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
};

/**
 * Every answer carries the baseline headers: pages and the API set their own (with more, such
 * as the CSP), but static files, Remix's redirects (which skip entry.server) and this server's
 * own 400/403/405 refusals would otherwise go without. Added just before the headers are sent,
 * and only where the app did not set them, so nothing is doubled or overridden.
 */
export function baselineHeaders(request: Request, response: Response, next: NextFunction) {
  onHeaders(response, () => {
    for (const [name, value] of Object.entries(BASELINE)) {
      if (!response.hasHeader(name)) response.setHeader(name, value);
    }
  });
  next();
}
