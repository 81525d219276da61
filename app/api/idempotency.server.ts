import { createHash } from "node:crypto";
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from "#services/idempotency.ts";
import { badRequest, HttpProblem } from "./problem.server.ts";

const SANE_KEY = /^[\x21-\x7e]{1,255}$/;
/** What a replay must repeat besides the body. */
const REPLAYED_HEADERS = ["content-type", "location", "etag"];

/**
 * Runs a POST at most once per Idempotency-Key (per user and route): the same key and body
 * replays the first response; the same key with another body is 422; a second request while
 * the first still runs is 409. Without the header the POST simply runs.
 */
export async function idempotent(
  request: Request,
  scope: { userId: string; route: string },
  bodyText: string,
  run: () => Promise<Response>,
): Promise<Response> {
  const key = request.headers.get("idempotency-key");
  if (key === null) return run();
  if (!SANE_KEY.test(key)) throw badRequest("Idempotency-Key must be 1 to 255 visible ASCII characters.");

  const requestHash = createHash("sha256").update(bodyText).digest("hex");
  const claim = await claimIdempotencyKey({ ...scope, key }, requestHash);
  if (claim.outcome === "other-body") {
    throw new HttpProblem(422, "idempotency-key-reused", "Unprocessable Content", "This Idempotency-Key was already used with a different request body.");
  }
  if (claim.outcome === "in-flight") {
    throw new HttpProblem(409, "idempotency-key-in-use", "Conflict", "A request with this Idempotency-Key is still being processed; retry shortly.", { "Retry-After": "1" });
  }
  if (claim.outcome === "replay") {
    const { status, headers, body } = claim.response;
    return new Response(body, { status, headers: { ...headers, "Idempotent-Replayed": "true" } });
  }

  let response: Response;
  try {
    response = await run();
  } catch (error) {
    // A refused request changed nothing; the key is given back so a corrected request can use it.
    await releaseIdempotencyKey(claim.id);
    throw error;
  }
  if (response.status >= 500) {
    await releaseIdempotencyKey(claim.id);
    return response;
  }
  const body = await response.clone().text();
  const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => (response.headers.has(name) ? [[name, response.headers.get(name)!]] : [])));
  await completeIdempotencyKey(claim.id, { status: response.status, headers, body });
  return response;
}
