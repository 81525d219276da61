import { readdirSync, readFileSync } from "node:fs";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * Remix 2's Vite plugin makes every route module an entry of the browser build, and its route
 * manifest names each entry's file (the build fails if one is missing), so no entry can be left
 * out. A resource route (no default export: the JSON API's `api.*.ts`, `healthz.ts`, `logout.ts`)
 * has nothing for the browser, so its entry is an empty chunk and rollup prints "Generated an
 * empty chunk" for each (remix-run/remix issue 9055, closed unfixed when Remix 2 was sunset). Only
 * those warnings are dropped: an empty chunk for any other module, a page route included, still
 * prints. The names are rollup's: the file name without its extension, with the characters rollup
 * replaces in chunk names (`$`, `[`, `]`, ...) as `_`.
 */
const routes = new URL("./app/routes/", import.meta.url);
const resourceRouteChunks = new Set(
  readdirSync(routes)
    .filter((file) => /\.[jt]sx?$/.test(file))
    .filter((file) => !/^export default\b|^export \{[^}]*\bas default\b/m.test(readFileSync(new URL(file, routes), "utf8")))
    .map((file) => file.replace(/\.[jt]sx?$/, "").replace(/[\0-\x1F"#$%&*+,:;<=>?[\]^`{|}\x7F]/g, "_")),
);

// Every v3 flag on, so the code is already in React Router v7 form
// (docs/decisions/0001-remix-2-with-v3-flags.md).
export default defineConfig({
  server: { port: Number(process.env.PORT ?? 3000) },
  build: {
    rollupOptions: {
      onwarn(warning, warn) {
        if (warning.code === "EMPTY_BUNDLE" && resourceRouteChunks.has(String(warning.names?.[0]))) return;
        warn(warning);
      },
    },
  },
  plugins: [
    remix({
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
        v3_routeConfig: true,
      },
    }),
  ],
});
