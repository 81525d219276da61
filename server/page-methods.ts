import type { NextFunction, Request, Response } from "express";
import { isApiPath } from "./paths.ts";

const FORM_METHODS = new Set(["GET", "HEAD", "POST"]);
const ALLOW = "GET, HEAD, POST";

/**
 * Pages take what HTML forms send: GET and POST. Remix would run a page's action for PUT,
 * PATCH or DELETE as well (it treats every non-GET method as a form submission), so a script
 * could reach an action with a method no form has; here it gets a clear 405 with `Allow`
 * before Remix sees it. The API under /api keeps its own methods.
 */
export function refuseNonFormMethodsOnPages(request: Request, response: Response, next: NextFunction) {
  if (FORM_METHODS.has(request.method) || isApiPath(request)) return next();
  response
    .status(405)
    .set("Allow", ALLOW)
    .type("text/plain")
    // The body (if any) is left unread: the connection cannot carry another request.
    .set("Connection", "close")
    .send(
      `Tandem's pages take only GET and POST, what HTML forms send, so this ${request.method} was refused and nothing was changed. Scripts use the JSON API under /api.`,
    );
}
