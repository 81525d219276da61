import { createSession } from "#services/auth.ts";
import { readFlash } from "#app/forms/flash.server.ts";
import { commitSessionCookie } from "#app/forms/session.server.ts";

export const BASE = "http://tandem.test";

/** A `Cookie` header for a fresh session of this user, as the browser would send it. */
export async function signIn(user: { id: string }, base = BASE) {
  const grant = await createSession(user.id);
  const setCookie = await commitSessionCookie(new Request(base), grant);
  return setCookie.split(";")[0]!;
}

type RequestOptions = { cookie?: string; origin?: string; headers?: Record<string, string> };

export function getRequest(path: string, { cookie, headers = {} }: RequestOptions = {}) {
  return new Request(new URL(path, BASE), { headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
}

/** A form post as a browser sends it: urlencoded body, same-site Origin unless told otherwise. */
export function postForm(path: string, fields: Record<string, string>, options: RequestOptions = {}) {
  const url = new URL(path, BASE);
  return new Request(url, {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: options.origin ?? url.origin,
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...options.headers,
    },
    body: new URLSearchParams(fields),
  });
}

/**
 * Route functions take `{ request, params, context }`; this fills the rest in. `context` is
 * what the server's load context would hold (e.g. `clientAddress`, the socket's address).
 */
export function args(request: Request, params: Record<string, string> = {}, context: Record<string, unknown> = {}) {
  return { request, params, context };
}

/**
 * Runs a loader or action and returns what it produced as a Response-like result,
 * whether it returned or threw (Remix treats thrown Responses and `data()` as results).
 */
export async function run(
  fn: (a: ReturnType<typeof args>) => unknown,
  request: Request,
  params: Record<string, string> = {},
  context: Record<string, unknown> = {},
) {
  try {
    return toResult(await fn(args(request, params, context)));
  } catch (thrown) {
    return { ...toResult(thrown), thrown: true };
  }
}

type Result = { status: number; headers: Headers; data: unknown; thrown?: boolean };

function toResult(value: unknown): Result {
  if (value instanceof Response) return { status: value.status, headers: value.headers, data: undefined };
  if (isDataWithResponseInit(value)) {
    return { status: value.init?.status ?? 200, headers: new Headers(value.init?.headers), data: value.data };
  }
  return { status: 200, headers: new Headers(), data: value };
}

function isDataWithResponseInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: string }).type === "DataWithResponseInit";
}

export function cookieNamed(headers: Headers, name: string) {
  return headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
}

/** The session token inside a `Cookie` or `Set-Cookie` value (Remix cookies are base64 JSON). */
export function sessionTokenOf(cookie: string): string {
  return JSON.parse(atob(decodeURIComponent(cookie.split(";")[0]!.split("=")[1]!)));
}

/** The flash message a response's Set-Cookie carries for the next page, as that page would read it. */
export async function flashOf(headers: Headers) {
  const cookie = cookieNamed(headers, "tandem_flash")?.split(";")[0];
  const { flash } = await readFlash(new Request(BASE, { headers: cookie ? { Cookie: cookie } : {} }));
  return flash?.message;
}
