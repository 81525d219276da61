import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { baselineHeaders } from "./baseline-headers.ts";
import { refuseCrossSitePosts } from "./cross-site.ts";
import { refuseNonFormMethodsOnPages } from "./page-methods.ts";
import { dropUntrustedHeaders } from "./untrusted-headers.ts";

/**
 * The HTTP server in front of Remix (docs/decisions/0013-own-server.md): what remix-serve does
 * (compression, static files, a log line per request), nosniff and Referrer-Policy on every
 * answer, plus what must happen before Remix runs:
 * forwarded headers dropped unless TRUST_PROXY, a 405 for methods no form sends, a clear 403 for
 * cross-site posts, and the client's socket address handed to the app.
 */
export function createApp(build: ServerBuild, buildDirectory = "build") {
  const app = express();
  app.disable("x-powered-by");
  app.use(baselineHeaders);
  app.use(compression());
  const client = path.join(buildDirectory, "client");
  // Fingerprinted assets never change; everything else in public/ is revalidated after an hour.
  app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(client, { maxAge: "1h" }));
  app.use(morgan("tiny"));
  app.use(dropUntrustedHeaders);
  app.use(refuseNonFormMethodsOnPages);
  app.use(refuseCrossSitePosts);
  app.all(
    "*",
    createRequestHandler({
      build,
      mode: "production",
      // The socket's address: the only client address that cannot be forged by a header.
      getLoadContext: (request) => ({ clientAddress: request.socket.remoteAddress ?? "unknown" }),
    }),
  );
  return app;
}
