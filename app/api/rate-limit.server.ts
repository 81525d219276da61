import { HttpProblem } from "./problem.server.ts";

/**
 * Per-token request limits for /api: a fixed window of `API_RATE_LIMIT_PER_MINUTE` requests
 * (default 600) per token per minute, answered with 429, Retry-After and the IETF
 * `RateLimit` / `RateLimit-Policy` headers. The counts live behind `RateLimitStore`; the
 * default keeps them in this process's memory, so with several instances each counts its own
 * share (swap in a shared store when Tandem runs on more than one).
 */
export interface RateLimitStore {
  /** Counts one request for `key` and returns the window's count and when it resets (ms). */
  hit(key: string, windowMs: number, now: number): { count: number; resetAt: number };
}

export class MemoryRateLimitStore implements RateLimitStore {
  readonly #windows = new Map<string, { count: number; resetAt: number }>();

  hit(key: string, windowMs: number, now: number) {
    let window = this.#windows.get(key);
    if (!window || window.resetAt <= now) {
      if (this.#windows.size > 10_000) this.#prune(now);
      window = { count: 0, resetAt: now + windowMs };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return { ...window };
  }

  #prune(now: number) {
    for (const [key, window] of this.#windows) if (window.resetAt <= now) this.#windows.delete(key);
  }
}

const WINDOW_SECONDS = 60;
const POLICY = "per-token";

export function apiRateLimit() {
  return Number(process.env.API_RATE_LIMIT_PER_MINUTE ?? 600);
}

let store: RateLimitStore = new MemoryRateLimitStore();
export function useRateLimitStore(replacement: RateLimitStore) {
  store = replacement;
}

/** Counts a request for this token; throws 429 past the limit. Returns the headers to send. */
export function takeRateLimit(tokenId: string, now = Date.now()): Record<string, string> {
  const quota = apiRateLimit();
  const { count, resetAt } = store.hit(`token:${tokenId}`, WINDOW_SECONDS * 1000, now);
  const resetSeconds = Math.max(1, Math.ceil((resetAt - now) / 1000));
  const headers = {
    "RateLimit-Policy": `"${POLICY}";q=${quota};w=${WINDOW_SECONDS}`,
    RateLimit: `"${POLICY}";r=${Math.max(0, quota - count)};t=${resetSeconds}`,
  };
  if (count > quota) {
    throw new HttpProblem(
      429,
      "rate-limited",
      "Too Many Requests",
      `This token made more than ${quota} requests in ${WINDOW_SECONDS} seconds; retry after ${resetSeconds} seconds.`,
      { ...headers, "Retry-After": String(resetSeconds) },
    );
  }
  return headers;
}
