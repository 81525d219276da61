import { countApiRequest, RATE_LIMIT_WINDOW_SECONDS } from "#services/rate-limit.ts";
import { HttpProblem } from "./problem.server.ts";

const POLICY = "per-token";

/**
 * Counts a request for this token (services/rate-limit.ts, shared by every instance on
 * PostgreSQL); past the limit, a 429 with Retry-After. Either way the IETF `RateLimit` and
 * `RateLimit-Policy` headers to send.
 */
export async function takeRateLimit(tokenId: string): Promise<Record<string, string>> {
  const { allowed, limit, remaining, resetSeconds } = await countApiRequest(tokenId);
  const headers = {
    "RateLimit-Policy": `"${POLICY}";q=${limit};w=${RATE_LIMIT_WINDOW_SECONDS}`,
    RateLimit: `"${POLICY}";r=${remaining};t=${resetSeconds}`,
  };
  if (!allowed) {
    throw new HttpProblem(
      429,
      "rate-limited",
      "Too Many Requests",
      `This token made more than ${limit} requests in ${RATE_LIMIT_WINDOW_SECONDS} seconds; retry after ${resetSeconds} seconds.`,
      { ...headers, "Retry-After": String(resetSeconds) },
    );
  }
  return headers;
}
