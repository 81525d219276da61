import type { ServerBuild } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from "express";
import { routedPath } from "./paths.ts";
import { UNFETCHABLE_METHODS } from "./unfetchable-methods.ts";

/**
 * The JSON door's requests (`/api/*` and `/healthz`) go straight to their resource-route modules
 * in the same Remix build, instead of through Remix's request handler. The modules, and what they
 * answer, are the same either way; what is skipped is the framework's work around them, which
 * was most of what an API request cost (docs/decisions/0014-performance.md): Remix flattens and
 * ranks the whole route tree twice per request (`matchRoutes` has no cache), builds the Fetch
 * request three times (once in the Express adapter, twice more to strip `?index` and `?_routes`)
 * and streams the answer back through a web stream.
 *
 * A request is taken when the route Remix would pick for it is a resource route (no default export,
 * so no page to render) whose path starts with `api/`, or `healthz`. Matching follows React Router's
 * rules over every route of the build: case-insensitive, an optional trailing slash, each segment
 * percent-decoded (an encoded `/` stays encoded), the most specific pattern first. Everything else,
 * pages (`/api/docs` too) and `.data` requests included, goes on to Remix. The guards in front
 * (untrusted headers, page methods, cross-site posts) have run already: they sit before both.
 */
type RouteModule = {
  loader?: (args: RouteArgs) => Promise<Response> | Response;
  action?: (args: RouteArgs) => Promise<Response> | Response;
};
type RouteArgs = { request: Request; params: Record<string, string>; context: Record<string, unknown> };
/** A route's path as a regular expression; `module` is null for the routes Remix serves (pages). */
type Pattern = { regexp: RegExp; names: string[]; score: number; module: RouteModule | null };

export function jsonDoor(build: ServerBuild, getLoadContext: (request: ExpressRequest) => Record<string, unknown>) {
  const patterns = jsonRoutePatterns(build);
  return async (request: ExpressRequest, response: ExpressResponse, next: NextFunction) => {
    // A method no Fetch request can carry is answered as the resource itself would answer it
    // (its 405 and `Allow`), its `.data` twin included.
    const unfetchable = UNFETCHABLE_METHODS.has(request.method);
    const path = routedPath(request);
    const found = matchJsonRoute(patterns, unfetchable ? path.replace(/\.data$/, "") : path);
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

/**
 * Every route of the build as a pattern, most specific first, each marked with whether this door
 * serves it. All routes take part in the ranking, so that a page such as `api/docs` still beats the
 * `api/*` resource route, exactly as in Remix. Returns no patterns (everything goes to Remix) when a
 * route uses path syntax this door does not know, since it could then not rank that route.
 */
export function jsonRoutePatterns(build: ServerBuild): Pattern[] {
  const patterns: Pattern[] = [];
  const fullPath = (id: string | undefined): string => {
    const route = id ? build.routes[id] : undefined;
    if (!route) return "";
    const parent = fullPath(route.parentId);
    return [parent, route.path ?? ""].filter(Boolean).join("/");
  };
  for (const route of Object.values(build.routes)) {
    // Layouts without a path match nothing by themselves; their children carry the paths.
    if (route.id === "root" || (route.path === undefined && !route.index)) continue;
    const module = route.module as RouteModule & { default?: unknown };
    const path = fullPath(route.id);
    const compiled = compile(path, Boolean(route.index));
    if (!compiled) {
      console.warn(`The JSON door is off: route ${route.id} has a path (${path}) it cannot rank; Remix serves everything.`);
      return [];
    }
    const served = module.default === undefined && (path === "healthz" || path.startsWith("api/"));
    patterns.push({ ...compiled, module: served ? module : null });
  }
  return patterns.sort((a, b) => b.score - a.score);
}

export function matchJsonRoute(patterns: Pattern[], pathname: string) {
  if (pathname.endsWith(".data")) return null; // Remix's single-fetch data requests
  const decoded = decodePath(pathname);
  for (const pattern of patterns) {
    const match = pattern.regexp.exec(decoded);
    if (!match) continue;
    if (!pattern.module) return null; // the best match is a page: Remix's
    const params: Record<string, string> = {};
    pattern.names.forEach((name, i) => (params[name] = match[i + 1] ?? ""));
    return { module: pattern.module, params };
  }
  return null;
}

/**
 * `api/tasks/:id` as a regular expression, scored as React Router ranks routes (static segments
 * 10, params 3, a splat −2, an index route 2, plus one per segment); null for syntax it does not know.
 */
function compile(path: string, index: boolean): Omit<Pattern, "module"> | null {
  if (path === "") return { regexp: /^\/?$/, names: [], score: 1 + (index ? 2 : 0) };
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
  return { regexp: new RegExp(`^${source}/?$`, "i"), names, score: score + (index ? 2 : 0) };
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
  // TRACE, TRACK and CONNECT: undici's Request refuses them, so the request is built as a GET
  // without a body and then says its real method. No route has a handler for these, so all the
  // route does with it is answer 405 with its own `Allow` (app/api/route.server.ts), in its own words.
  const unfetchable = UNFETCHABLE_METHODS.has(request.method);
  const hasBody = !unfetchable && request.method !== "GET" && request.method !== "HEAD";
  const fetchRequest = new Request(url, {
    method: unfetchable ? "GET" : request.method,
    headers,
    signal: controller.signal,
    ...(hasBody ? { body: createReadableStreamFromReadable(request), duplex: "half" } : {}),
  } as RequestInit);
  if (unfetchable) Object.defineProperty(fetchRequest, "method", { value: request.method });
  return fetchRequest;
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
