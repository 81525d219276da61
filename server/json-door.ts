import type { ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { routedPath } from "./paths.ts";

/**
 * The JSON door's requests (`/api/*` and `/healthz`) go straight to their resource-route modules
 * in the same Remix build, instead of through Remix's request handler. The modules, and what they
 * answer, are the same either way; what is skipped is the framework's work around them, which
 * was most of what an API request cost (docs/decisions/0014-performance.md): Remix flattens and
 * ranks the whole route tree twice per request (`matchRoutes` has no cache), builds the Fetch
 * request three times (once in the Express adapter, twice more to strip `?index` and `?_routes`)
 * and streams the answer back through a web stream.
 *
 * Only resource routes (no default export, so no page to render) whose path starts with `api/`,
 * and `healthz`, are taken, with paths made only of plain segments, `:params` and a final `*`.
 * Matching follows React Router's rules: case-insensitive, an optional trailing slash, each
 * segment percent-decoded (an encoded `/` stays encoded), the most specific pattern first.
 * Everything else, `.data` requests and pages included, goes on to Remix. The guards in front
 * (untrusted headers, page methods, cross-site posts) have run already: they sit before both.
 */
type RouteModule = {
  loader?: (args: RouteArgs) => Promise<Response> | Response;
  action?: (args: RouteArgs) => Promise<Response> | Response;
};
type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
type Pattern = { regexp: RegExp; names: string[]; score: number; module: RouteModule };

export function jsonDoor(build: ServerBuild, getLoadContext: (request: ExpressRequest) => Record<string, unknown>) {
  const patterns = jsonRoutePatterns(build);
  return async (request: ExpressRequest, response: ExpressResponse, next: NextFunction) => {
    const found = matchJsonRoute(patterns, routedPath(request));
    if (!found) return next();
    const { module, params } = found;
    const handler = request.method === "GET" || request.method === "HEAD" ? module.loader : module.action;
    if (!handler) return next();
    try {
      const answer = await handler({ request: fetchRequest(request, response), params, context: getLoadContext(request) });
      await send(answer, response);
    } catch (error) {
      next(error);
    }
  };
}

/** The resource routes this door serves, most specific first. */
export function jsonRoutePatterns(build: ServerBuild): Pattern[] {
  const patterns: Pattern[] = [];
  for (const route of Object.values(build.routes)) {
    const module = route.module as RouteModule & { default?: unknown };
    const path = route.path ?? "";
    const isJsonDoor = path === "healthz" || path.startsWith("api/");
    if (!isJsonDoor || module.default !== undefined || route.parentId !== "root") continue;
    const compiled = compile(path);
    if (compiled) patterns.push({ ...compiled, module });
  }
  return patterns.sort((a, b) => b.score - a.score);
}

export function matchJsonRoute(patterns: Pattern[], pathname: string) {
  if (pathname.endsWith(".data")) return null; // Remix's single-fetch data requests
  const decoded = decodePath(pathname);
  for (const pattern of patterns) {
    const match = pattern.regexp.exec(decoded);
    if (!match) continue;
    const params: Record<string, string> = {};
    pattern.names.forEach((name, i) => (params[name] = match[i + 1] ?? ""));
    return { module: pattern.module, params };
  }
  return null;
}

/**
 * `api/tasks/:id` as a regular expression, scored as React Router ranks routes (static segments
 * 10, params 3, a splat −2, plus one per segment); null for syntax this door leaves to Remix.
 */
function compile(path: string): Omit<Pattern, "module"> | null {
  const segments = path.split("/");
  const names: string[] = [];
  let source = "";
  let score = segments.length;
  for (const [i, segment] of segments.entries()) {
    if (segment === "*" && i === segments.length - 1) {
      names.push("*");
      source += "(?:/(.*))?";
      score -= 2;
    } else if (/^:[\w-]+$/.test(segment)) {
      names.push(segment.slice(1));
      source += "/([^/]+)";
      score += 3;
    } else if (/^[\w.-]+$/.test(segment)) {
      source += `/${segment.replace(/\./g, "\\.")}`;
      score += 10;
    } else {
      return null;
    }
  }
  return { regexp: new RegExp(`^${source}/?$`, "i"), names, score };
}

function decodePath(pathname: string) {
  return pathname
    .split("/")
    .map((segment) => {
      try {
        return decodeURIComponent(segment).replace(/\//g, "%2F");
      } catch {
        return segment;
      }
    })
    .join("/");
}

/** The Fetch request a resource route expects, built as Remix's Express adapter builds it. */
function fetchRequest(request: ExpressRequest, response: ExpressResponse): Request {
  const url = new URL(`${request.protocol}://${request.get("x-forwarded-host") ?? request.get("host")}${request.originalUrl}`);
  const controller = new AbortController();
  // Aborted when the client goes away before the answer is sent, as Remix's adapter does.
  response.on("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(url, {
    method: request.method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: createReadableStreamFromReadable(request), duplex: "half" } : {}),
  } as RequestInit);
}

/** Writes a route's Fetch response; API answers are small, so the body is sent in one piece. */
async function send(answer: Response, response: ExpressResponse) {
  response.statusCode = answer.status;
  if (answer.statusText) response.statusMessage = answer.statusText;
  for (const [name, value] of answer.headers) {
    if (name !== "set-cookie") response.setHeader(name, value);
  }
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) response.setHeader("Set-Cookie", cookies);
  response.end(answer.body ? Buffer.from(await answer.arrayBuffer()) : undefined);
}
