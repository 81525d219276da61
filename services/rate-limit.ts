import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { postgresPool } from "#services/db/client.ts";
import { typedFault } from "#services/db/errors.ts";
import { reportStatement } from "#services/db/statements.ts";

/**
 * The API's request limit per token: `API_RATE_LIMIT_PER_MINUTE` requests (default 600) in a
 * fixed 60-second window, counted by rate-limiter-flexible (decision 0016).
 *
 * On PostgreSQL the count lives in the database (the `RateLimit` table, one atomic upsert per
 * request), so every instance counts against the same total. On SQLite it lives in this
 * process's memory: a SQLite file serves one instance by design, and a write per API read
 * would put an fsync on every GET.
 */
export const RATE_LIMIT_WINDOW_SECONDS = 60;

export function apiRateLimit() {
  return Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 600);
}

export type RateLimitCount = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

/** Counts one request for the token and says whether it is within the limit. */
export async function countApiRequest(tokenId: string): Promise<RateLimitCount> {
  const limit = apiRateLimit();
  const limiter = await limiterFor(limit);
  let result: RateLimiterRes;
  let allowed = true;
  try {
    result = await limiter.consume(`token:${tokenId}`);
  } catch (refusal) {
    // A refusal arrives as the count itself; anything else is the store failing, and is thrown.
    if (!(refusal instanceof RateLimiterRes)) throw typedFault(refusal);
    result = refusal;
    allowed = false;
  }
  return {
    allowed,
    limit,
    remaining: Math.max(0, limit - result.consumedPoints),
    resetSeconds: Math.max(1, Math.ceil(result.msBeforeNext / 1000)),
  };
}

// One limiter per limit (the limit is read from the environment on every request, and tests
// start servers with their own): a limiter is configuration, the counts are in its store.
const limiters = new Map<number, Promise<RateLimiterAbstract>>();

function limiterFor(points: number): Promise<RateLimiterAbstract> {
  let limiter = limiters.get(points);
  if (!limiter) {
    limiter = createLimiter(points);
    limiters.set(points, limiter);
  }
  return limiter;
}

async function createLimiter(points: number): Promise<RateLimiterAbstract> {
  const options = { points, duration: RATE_LIMIT_WINDOW_SECONDS, keyPrefix: `api:${points}` };
  const pool = await postgresPool();
  if (!pool) return new RateLimiterMemory(options);
  return new RateLimiterPostgres({
    ...options,
    // The table is made by Prisma's migrations, so that migrate dev sees nothing it does not know.
    tableName: "RateLimit",
    tableCreated: true,
    // The pool, with each statement reported like every other (the query budgets count it).
    storeType: "pool",
    storeClient: {
      query: (query: { text: string }) => {
        reportStatement(query.text);
        return pool.query(query as never);
      },
    },
  });
}
