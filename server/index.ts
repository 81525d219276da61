import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "./app.ts";
import { answerConnectThroughApp } from "./unfetchable-methods.ts";

/** How long requests in flight get to finish after SIGTERM before the server exits anyway. */
const GRACE_MS = Number(process.env.SHUTDOWN_GRACE_SECONDS ?? 10) * 1000;

/**
 * Serves the production build on PORT. Slow or stalled clients are cut off by Node's own
 * timeouts; SIGTERM/SIGINT stop accepting connections, let requests in flight finish (10 s at
 * most) and exit 0.
 */
export async function startServer({ port = Number(process.env.PORT ?? 3000), buildDirectory = "build" } = {}) {
  process.env.NODE_ENV ??= "production";
  const serverBuild = path.resolve(buildDirectory, "server", "index.js");
  const build = (await import(pathToFileURL(serverBuild).href)) as ServerBuild;
  // Node checks the two timeouts below only every connectionsCheckingInterval (30 s by default),
  // so a stalled client could hold its connection 30 s past them; check every second instead.
  const app = createApp(build, buildDirectory);
  const server = http.createServer({ connectionsCheckingInterval: 1_000 }, app);
  // CONNECT comes to a listener of its own; answered by the app like any other method it does not take.
  server.on("connect", answerConnectThroughApp(app));
  server.headersTimeout = Number(process.env.HEADERS_TIMEOUT_SECONDS ?? 10) * 1000;
  server.requestTimeout = Number(process.env.REQUEST_TIMEOUT_SECONDS ?? 30) * 1000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve) => server.listen(port, resolve));
  console.log(`Tandem is listening on http://localhost:${port}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: no new connections; finishing requests in flight (at most ${GRACE_MS / 1000} s)`);
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => {
      console.warn("Requests still running after the grace period were cut off.");
      server.closeAllConnections();
      process.exit(0);
    }, GRACE_MS).unref();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  return server;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await startServer();
