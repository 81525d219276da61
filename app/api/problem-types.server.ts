/**
 * Every problem `type` the API answers with. A problem body's `type` is
 * `/api/docs#problem-<slug>`, so each slug here is an anchor on the docs page, and the
 * OpenAPI document's examples take their titles from here. A test checks that every slug
 * thrown anywhere under app/ is listed.
 */
export type ProblemType = { slug: string; status: number; title: string; explanation: string };

export const PROBLEM_TYPES = [
  {
    slug: "bad-request",
    status: 400,
    title: "Bad Request",
    explanation:
      "The request could not be read: the body is empty, not valid UTF-8 or not valid JSON; a query parameter is out of range, has a value it does not take or is given twice (limit, or a list filter such as status or overdue), or a cursor was altered; or the Idempotency-Key header is not 1 to 255 visible ASCII characters. Fix the request; sending it again unchanged will fail again.",
  },
  {
    slug: "unauthorized",
    status: 401,
    title: "Unauthorized",
    explanation:
      "No API token was sent, the Authorization header is not `Bearer <token>`, or the token is unknown, revoked or expired, or belongs to a deactivated person. The answer carries `WWW-Authenticate: Bearer`. Create a token under Settings → API tokens.",
  },
  {
    slug: "forbidden",
    status: 403,
    title: "Forbidden",
    explanation:
      "The token's owner may not do this: for example, only admins add people or change their names, roles and access; only a task's creator, its assignee or an admin changes it, and only its creator or an admin deletes it.",
  },
  {
    slug: "insufficient-scope",
    status: 403,
    title: "Forbidden",
    explanation:
      "The token lacks the scope this request needs: `read` for GET, `write` for everything else (`write` includes `read`). The `WWW-Authenticate` header names the scope. Create a token with the `write` scope.",
  },
  {
    slug: "not-found",
    status: 404,
    title: "Not Found",
    explanation:
      "There is no such resource, or none the caller may know about (the answer is the same, so it reveals nothing). An /api path that no endpoint serves answers this too.",
  },
  {
    slug: "method-not-allowed",
    status: 405,
    title: "Method Not Allowed",
    explanation: "The path exists but does not accept this method. The `Allow` header lists the methods it does accept.",
  },
  {
    slug: "conflict",
    status: 409,
    title: "Conflict",
    explanation:
      "The request clashes with the current state: the email address already belongs to someone, or the change would leave Tandem without an active admin. `errors` points at the field concerned.",
  },
  {
    slug: "idempotency-key-in-use",
    status: 409,
    title: "Conflict",
    explanation:
      "A request with the same Idempotency-Key is still being processed. Wait for the time in `Retry-After` and send the request again: it will replay the first answer.",
  },
  {
    slug: "precondition-failed",
    status: 412,
    title: "Precondition Failed",
    explanation:
      "The `If-Match` header names a version that is no longer current: someone changed the resource since you read it. Nothing was changed. Read it again (its `ETag` is the new version), reapply your change and retry.",
  },
  {
    slug: "edit-conflict",
    status: 409,
    title: "Conflict",
    explanation:
      "A `PATCH` with `If-Match` naming an older version and `base` (the values you started from) could not be merged: someone else changed the same fields to other values since that version. `errors` points at each such field and says what it holds now; the `ETag` header is the version stored now. Nothing was changed. Decide each field (read the task for the full values), then send the `PATCH` again with that `ETag` in `If-Match`.",
  },
  {
    slug: "payload-too-large",
    status: 413,
    title: "Content Too Large",
    explanation: "The request body is over the size limit (1 MiB by default). The server stops reading at the limit.",
  },
  {
    slug: "unsupported-media-type",
    status: 415,
    title: "Unsupported Media Type",
    explanation:
      "The body was not sent as JSON. Send `Content-Type: application/json` (any `application/*+json` type is accepted too); the `Accept-Post` header says so.",
  },
  {
    slug: "validation-failed",
    status: 422,
    title: "Unprocessable Content",
    explanation:
      "The body is valid JSON but breaks the rules. `errors` lists each problem as a JSON Pointer into the body (`/email`) and a message that can be shown to a person; an empty pointer means the body as a whole.",
  },
  {
    slug: "idempotency-key-reused",
    status: 422,
    title: "Unprocessable Content",
    explanation:
      "This Idempotency-Key was already used, within the last 24 hours, with a different request body. Use a new key for a new request; reuse a key only to retry the very same request.",
  },
  {
    slug: "internal",
    status: 500,
    title: "Internal Server Error",
    explanation:
      "Something went wrong on the server. Nothing about the cause is revealed; quote the `requestId` (also in the `X-Request-Id` header) when you report it, and it leads to the server's log line.",
  },
  {
    slug: "rate-limited",
    status: 429,
    title: "Too Many Requests",
    explanation:
      "This token made more requests in the current minute than its limit allows (600 by default). Wait the seconds in `Retry-After`; the `RateLimit` and `RateLimit-Policy` headers on every answer say how much of the quota is left and when it resets.",
  },
  {
    slug: "unavailable",
    status: 503,
    title: "Service Unavailable",
    explanation:
      "The service cannot work right now: its database does not answer, or cannot be written (the disk is read-only or full, an I/O error, or another process held the database locked for too long). Nothing was changed. Retry after the seconds in `Retry-After`; the same request then succeeds once the condition has cleared, without a restart.",
  },
] as const satisfies readonly ProblemType[];

export type ProblemSlug = (typeof PROBLEM_TYPES)[number]["slug"];

export const problemTypeUri = (slug: ProblemSlug) => `/api/docs#problem-${slug}`;

export function problemType(slug: ProblemSlug): ProblemType {
  return PROBLEM_TYPES.find((type) => type.slug === slug)!;
}
