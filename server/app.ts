import { readdirSync } from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { baselineHeaders } from "./baseline-headers.ts";
import { refuseCrossSitePosts } from "./cross-site.ts";
import { refuseNonFormMethodsOnPages } from "./page-methods.ts";
import { jsonDoor } from "./json-door.ts";
import { isApiPath } from "./paths.ts";
import { refuseUnfetchableMethods } from "./unfetchable-methods.ts";
import { dropUntrustedHeaders } from "./untrusted-headers.ts";

/**
 * The HTTP server in front of Remix (docs/decisions/0013-own-server.md): what remix-serve does
 * (compression, static files, a log line per request), nosniff and Referrer-Policy on every
 * answer, plus what must happen before Remix runs: a 400 for a Host that is not `host[:port]` or a
 * target that is not a path, before anything else; forwarded headers dropped unless TRUST_PROXY; a
 * 405 for methods no form sends and for those no Fetch request can carry (TRACE); a clear 403 for
 * cross-site posts; and the client's socket address handed to the app. The JSON door's resource
 * routes are called directly (server/json-door.ts); pages go through Remix's request handler.
 */
export function createApp(build: ServerBuild, buildDirectory = "build") {
  const app = express();
  app.disable("x-powered-by");
  app.use(baselineHeaders);
  // The API's routes write their own line per request, with the request id (app/api/route.server.ts):
  // /api and /healthz (an API route outside /api). morgan does not even start on them (its skip
  // option is asked only after it hooked the answer).
  const logPageRequest = morgan("tiny");
  const writesOwnLine = (request: express.Request) => isApiPath(request) || request.path === "/healthz";
  app.use((request, response, next) => (writesOwnLine(request) ? next() : logPageRequest(request, response, next)));
  // Before anything reads the Host or the path, static files included.
  app.use(dropUntrustedHeaders);
  app.use(compression());
  const client = path.join(buildDirectory, "client");
  // Fingerprinted assets never change; everything else in public/ is revalidated after an hour.
  app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(publicFiles(client));
  app.use(refuseNonFormMethodsOnPages);
  app.use(refuseCrossSitePosts);
  // The socket's address: the only client address that cannot be forged by a header.
  const getLoadContext = (request: express.Request) => ({ clientAddress: request.socket.remoteAddress ?? "unknown" });
  app.use(jsonDoor(build, getLoadContext));
  app.use(refuseUnfetchableMethods);
  app.all("*", createRequestHandler({ build, mode: "production", getLoadContext }));
  return app;
}

/**
 * The files at the top of public/ (favicon.svg), revalidated after an hour. They are listed once
 * at start, so that every other request goes on to Remix at once: a catch-all `express.static`
 * made each page and API request a failed stat() call first (about 7% of the server's time
 * under API load, measured).
 */
function publicFiles(client: string) {
  const names = new Set(
    readdirSync(client, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.name}`),
  );
  const serve = express.static(client, { maxAge: "1h", index: false });
  return (request: express.Request, response: express.Response, next: express.NextFunction) =>
    names.has(request.path) ? serve(request, response, next) : next();
}
