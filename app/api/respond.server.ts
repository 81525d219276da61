import type { Page } from "#services/pagination.ts";
import { etagOf } from "./etag.server.ts";

export function json(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}) {
  return new Response(JSON.stringify(body), {
    status: init.status ?? 200,
    headers: { "Content-Type": "application/json; charset=utf-8", ...init.headers },
  });
}

/** A resource with its ETag. */
export function resource(body: { version: number }, init: { status?: number; headers?: Record<string, string> } = {}) {
  return json(body, { ...init, headers: { ETag: etagOf(body), ...init.headers } });
}

/** The list envelope `{ data, nextCursor }` and a `Link: <…>; rel="next"` header when there is more. */
export function list<T>(request: Request, page: Page<T>) {
  const headers: Record<string, string> = {};
  if (page.nextCursor) {
    const next = new URL(request.url);
    next.searchParams.set("cursor", page.nextCursor);
    headers.Link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return json({ data: page.items, nextCursor: page.nextCursor }, { headers });
}
