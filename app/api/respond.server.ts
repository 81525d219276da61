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

/**
 * The list envelope `{ data, nextCursor }` and a `Link` header with `rel="next"` when there is more,
 * and `rel="prev"` when the list pages backwards too and there is a page before this one (RFC 8288).
 */
export function list<T>(request: Request, page: Page<T>) {
  const links = [
    page.nextCursor ? `<${withCursor(request, page.nextCursor)}>; rel="next"` : null,
    page.prevCursor ? `<${withCursor(request, page.prevCursor)}>; rel="prev"` : null,
  ].filter(Boolean);
  const headers: Record<string, string> = links.length > 0 ? { Link: links.join(", ") } : {};
  return json({ data: page.items, nextCursor: page.nextCursor }, { headers });
}

/** The request's own path and query (filters, limit, sort) with another cursor. */
function withCursor(request: Request, cursor: string) {
  const url = new URL(request.url);
  url.searchParams.set("cursor", cursor);
  return `${url.pathname}${url.search}`;
}
