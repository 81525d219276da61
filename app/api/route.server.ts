import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { TokenAuthentication } from "#services/tokens.ts";
import type { OperationDoc, RouteDoc } from "./openapi-kit.server.ts";
import type { DescribedRoute } from "./openapi.server.ts";
import { authenticateBearer, requireScope } from "./bearer.server.ts";
import { HttpProblem, problemResponse, toHttpProblem } from "./problem.server.ts";
import { takeRateLimit } from "./rate-limit.server.ts";
import { requestIdFor } from "./request-id.server.ts";
import { securityHeaders } from "#app/security-headers.server.ts";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export type ApiContext = {
  request: Request;
  params: Record<string, string | undefined>;
  auth: TokenAuthentication;
};

type Handler = (context: ApiContext) => Promise<Response>;
type PublicHandler = (context: Omit<ApiContext, "auth">) => Promise<Response>;

/** An operation as a route declares it: what the OpenAPI document says about it, and its handler. */
export type Operation<H> = OperationDoc & { handle: H };

/**
 * Builds a resource route's `loader` and `action` from one operation per method, with the
 * machinery every endpoint shares: X-Request-Id, bearer authentication, per-token rate limits and scopes, 405 with
 * Allow, errors as problem+json, and one log line per request carrying its id. The operations'
 * descriptions ride on the loader for the OpenAPI document (openapi.server.ts), which adds the
 * responses they share.
 *
 * Use it as `const api = apiRoute({...}, {...}); export const loader = api.loader; export const
 * action = api.action;`: Remix strips named `loader`/`action` exports from the client build,
 * but not a destructuring export.
 */
export function apiRoute(route: RouteDoc, operations: Partial<Record<Method, Operation<Handler>>>) {
  return described(route, operations as Partial<Record<Method, Operation<AnyHandler>>>, true);
}

/**
 * The same for the few routes that need no token (the OpenAPI document, health); given bare
 * handlers, a route the document leaves out (any /api path no route claims).
 */
export function publicApiRoute(
  ...args: [route: RouteDoc, operations: Partial<Record<Method, Operation<PublicHandler>>>] | [handlers: Partial<Record<Method, PublicHandler>>]
) {
  return args.length === 2 ? described(...args, false) : dispatch(args[0], { authenticated: false });
}

type AnyHandler = (context: Partial<ApiContext> & Omit<ApiContext, "auth">) => Promise<Response>;

function described(route: RouteDoc, operations: Partial<Record<Method, Operation<AnyHandler>>>, authenticated: boolean) {
  const handlers = Object.fromEntries(Object.entries(operations).map(([method, { handle }]) => [method, handle]));
  const { loader, action } = dispatch(handlers, { authenticated });
  const openapi: DescribedRoute = { ...route, authenticated, operations };
  return { loader: Object.assign(loader, { openapi }), action };
}

function dispatch(
  handlers: Partial<Record<Method, AnyHandler>>,
  { authenticated }: { authenticated: boolean },
) {
  const allowed = Object.keys(handlers).flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method]));

  async function handle({ request, params }: LoaderFunctionArgs | ActionFunctionArgs) {
    const started = performance.now();
    const requestId = requestIdFor(request);
    const method = request.method === "HEAD" ? "GET" : (request.method as Method);
    let response: Response;
    let rateLimitHeaders: Record<string, string> = {};
    try {
      const handler = handlers[method];
      if (!handler) {
        throw new HttpProblem(405, "method-not-allowed", "Method Not Allowed", `${request.method} is not allowed here.`, {
          Allow: allowed.join(", "),
        });
      }
      const auth = authenticated ? await authenticateBearer(request) : undefined;
      if (auth) {
        rateLimitHeaders = await takeRateLimit(auth.tokenId);
        requireScope(auth, request.method);
      }
      response = await handler({ request, params, auth });
    } catch (error) {
      const problem = toHttpProblem(error);
      if (problem.status >= 500) console.error(`[api] request ${requestId} failed:`, error);
      response = problemResponse(problem, request, requestId);
    }
    response.headers.set("X-Request-Id", requestId);
    for (const [name, value] of Object.entries(rateLimitHeaders)) response.headers.set(name, value);
    // A refused request may leave its body unread (a 401 before reading, a 413 halfway): the
    // connection cannot carry another request until that body is gone, so close it instead.
    if (response.status >= 400 && hasBody(request)) response.headers.set("Connection", "close");
    // The same nosniff, referrer and framing headers as every page (nothing of /api is HTML to frame).
    securityHeaders(request, response.headers);
    if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "private, no-cache");
    const path = new URL(request.url).pathname;
    console.log(`[api] ${request.method} ${path} ${response.status} ${(performance.now() - started).toFixed(1)}ms id=${requestId}`);
    return response;
  }

  return { loader: handle, action: handle };
}

function hasBody(request: Request) {
  const length = request.headers.get("content-length");
  return (length !== null && length !== "0") || request.headers.has("transfer-encoding");
}
