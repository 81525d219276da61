import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/**
 * The JavaScript a browser loads for one page on a first visit, gzipped: what the Remix
 * manifest says the page needs (the manifest itself, the entry module, and the module of
 * every route from the page's route up to root, each with its imports), united with every
 * script and modulepreload the served HTML names, read from the production build on disk.
 */
export type FirstLoadJs = {
  manifest: string;
  /** The scripts the served HTML names (all of them should be in `files` from the manifest already). */
  htmlScripts: string[];
  files: { file: string; bytes: number; gzipBytes: number; from: string; inHtml: boolean }[];
  gzipBytes: number;
};

type RouteEntry = { id: string; parentId?: string; path?: string; module: string; imports?: string[] };
type Manifest = { entry: { module: string; imports?: string[] }; routes: Record<string, RouteEntry> };

/** `route`: the page's route id as the manifest names it, and its path in case the id changed. */
export function firstLoadJs(clientDir: string, html: string, route: { id: string; path: string }): FirstLoadJs {
  const fromHtml = scriptUrls(html);
  const manifestUrl = fromHtml.find((url) => /\/manifest-[^/]+\.js$/.test(url)) ?? newestManifest(clientDir);
  const manifest = readManifest(path.join(clientDir, manifestUrl));
  const page = manifest.routes[route.id] ?? Object.values(manifest.routes).find((entry) => entry.path === route.path);
  if (!page) throw new Error(`no route "${route.id}" in ${manifestUrl} (routes: ${Object.keys(manifest.routes).join(", ")})`);

  const files = new Map<string, string>(); // url → why it is loaded
  const add = (url: string, from: string) => files.has(url) || files.set(url, from);
  add(manifestUrl, "manifest");
  add(manifest.entry.module, "entry");
  for (const url of manifest.entry.imports ?? []) add(url, "entry import");
  for (let current: RouteEntry | undefined = page; current; current = current.parentId ? manifest.routes[current.parentId] : undefined) {
    add(current.module, `route ${current.id}`);
    for (const url of current.imports ?? []) add(url, `route ${current.id} import`);
  }
  for (const url of fromHtml) add(url, "html");

  const sized = [...files].map(([url, from]) => {
    const content = readFileSync(path.join(clientDir, url));
    return { file: url, bytes: content.length, gzipBytes: gzipSync(content).length, from, inHtml: fromHtml.includes(url) };
  });
  return { manifest: manifestUrl, htmlScripts: fromHtml, files: sized, gzipBytes: sized.reduce((sum, file) => sum + file.gzipBytes, 0) };
}

/** Same-origin .js URLs in `<script src>`, `<link rel="modulepreload" href>` and inline module scripts' imports. */
function scriptUrls(html: string) {
  const urls = new Set<string>();
  for (const [, url] of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) urls.add(url!);
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\brel="modulepreload"/.test(tag)) urls.add(href);
  }
  // `import * as route0 from "/assets/…"` and `import("/assets/…")` in Remix's inline module script.
  for (const [, url] of html.matchAll(/\b(?:from|import)\s*\(?\s*["'](\/[^"']+\.js)["']/g)) urls.add(url!);
  return [...urls].filter((url) => url.startsWith("/") && !url.startsWith("//") && url.endsWith(".js"));
}

function readManifest(file: string): Manifest {
  const text = readFileSync(file, "utf8");
  const json = text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1); // window.__remixManifest={…};
  return JSON.parse(json) as Manifest;
}

/** When the HTML names no manifest (it always should), the newest one in the build. */
function newestManifest(clientDir: string) {
  const assets = path.join(clientDir, "assets");
  const manifests = readdirSync(assets)
    .filter((name) => /^manifest-.+\.js$/.test(name))
    .sort((a, b) => statSync(path.join(assets, b)).mtimeMs - statSync(path.join(assets, a)).mtimeMs);
  if (!manifests[0]) throw new Error(`no manifest-*.js in ${assets}`);
  return `/assets/${manifests[0]}`;
}
