import { PAGE_SIZE } from "#services/pagination.ts";
import { badRequest } from "./problem.server.ts";

/** `limit` (1–100, default 20) and `cursor` from the query string; anything else there is 400. */
export function pageQuery(request: Request) {
  const params = new URL(request.url).searchParams;
  const rawLimit = params.get("limit");
  let limit: number = PAGE_SIZE.default;
  if (rawLimit !== null) {
    if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > PAGE_SIZE.max) {
      throw badRequest(`limit must be a whole number from 1 to ${PAGE_SIZE.max}.`);
    }
    limit = Number(rawLimit);
  }
  const cursor = params.get("cursor") ?? undefined;
  if (cursor === "") throw badRequest("cursor must not be empty; leave it out for the first page.");
  return { limit, cursor };
}
