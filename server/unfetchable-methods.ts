import { randomUUID } from "node:crypto";
import http from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import type { Express, NextFunction, Request, Response } from "express";
import { isApiPath, routedPath } from "./paths.ts";

/**
 * The methods a Fetch `Request` cannot carry: undici's constructor throws a TypeError for them
 * (the Fetch standard's forbidden methods), so neither Remix's adapter nor the JSON door can build
 * the request the app takes. TRACE on /api was a 500 page with that TypeError in the log, before
 * the API could answer; CONNECT got no answer at all. (Node's own parser refuses methods it does
 * not know, TRACK and FOO among them, with a 400 before the app sees them.)
 */
export const UNFETCHABLE_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);

const SANE_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The last step before Remix: a method Remix's adapter cannot turn into a Fetch request is a 405
 * here, never the adapter's TypeError. What reaches this: pages are refused before
 * (server/page-methods.ts) and the JSON door answers its own paths itself (its 405 with the path's
 * own `Allow`, server/json-door.ts), so this is for what Remix serves under /api, the API docs page
 * and `.data` requests: a problem+json like the API's, allowing what a page without an action
 * takes.
 */
export function refuseUnfetchableMethods(request: Request, response: Response, next: NextFunction) {
  if (!UNFETCHABLE_METHODS.has(request.method)) return next();
  response.status(405).set("Connection", "close");
  if (!isApiPath(request)) {
    response
      .set("Allow", "GET, HEAD, POST")
      .type("text/plain")
      .send(`Tandem's pages take only GET and POST, so this ${request.method} was refused and nothing was changed.`);
    return;
  }
  const given = request.get("x-request-id");
  const requestId = given && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  const problem = {
    type: "/api/docs#problem-method-not-allowed",
    title: "Method Not Allowed",
    status: 405,
    detail: `${request.method} is not allowed here.`,
    instance: routedPath(request),
    requestId,
  };
  console.log(`[api] ${request.method} ${routedPath(request)} 405 id=${requestId}`);
  response
    .set({ Allow: "GET, HEAD", "X-Request-Id": requestId, "Cache-Control": "private, no-cache", "X-Frame-Options": "DENY" })
    .type("application/problem+json")
    .send(JSON.stringify(problem));
}

/**
 * CONNECT asks for a tunnel, which Node hands to a `connect` listener with the bare socket instead
 * of to the app; without a listener it drops the connection unanswered. This is not a proxy, so
 * the request goes through the app like any other, to be answered by the same guards: a 405 with
 * `Allow` on a path (problem+json on /api), a 400 for the `host:port` target a proxy would take.
 * The connection is closed after the answer: whatever follows on it was meant for a tunnel.
 */
export function answerConnectThroughApp(app: Express) {
  return (request: http.IncomingMessage, socket: Duplex) => {
    const response = new http.ServerResponse(request);
    response.shouldKeepAlive = false;
    response.assignSocket(socket as Socket);
    response.on("finish", () => {
      response.detachSocket(socket as Socket);
      socket.end();
    });
    socket.on("error", () => socket.destroy());
    if (!request.url?.startsWith("/")) {
      // The `host:port` target a proxy would take (Express would not even route it: a 404).
      response.writeHead(400, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" });
      response.end("This is not a proxy: CONNECT to a host was refused, and nothing was changed.");
      return;
    }
    app(request as Request, response as Response);
  };
}
