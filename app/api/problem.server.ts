import {
  AuthenticationError,
  ConflictError,
  DomainError,
  EditConflictError,
  ForbiddenError,
  InvalidCursorError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
  ValidationError,
} from "#services/errors.ts";

/**
 * The API door's single mapping from errors to RFC 9457 problem+json. Services throw domain
 * errors; the HTTP machinery throws HttpProblem for what only HTTP knows (a missing token,
 * a body too large, a wrong method). Anything else is a bug: a 500 without internals.
 */
export type FieldError = { pointer: string; detail: string };

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly headers: Record<string, string> = {},
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: FieldError[];
};

export function problemResponse(problem: HttpProblem, request: Request, requestId: string) {
  const body: Problem = {
    // Relative URI references resolve to the section of /api/docs that explains the problem.
    type: `/api/docs#problem-${problem.slug}`,
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: new URL(request.url).pathname,
    requestId,
    ...(problem.errors ? { errors: problem.errors } : {}),
  };
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { "Content-Type": PROBLEM_CONTENT_TYPE, ...problem.headers },
  });
}

export function toHttpProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  if (error instanceof ServiceUnavailableError) {
    return new HttpProblem(503, "unavailable", "Service Unavailable", error.message, {
      "Retry-After": String(error.retryAfterSeconds),
    });
  }
  if (!(error instanceof DomainError)) {
    return new HttpProblem(500, "internal", "Internal Server Error", "Something went wrong on our side. Quote the request id when you report it.");
  }
  if (error instanceof ValidationError) {
    const errors = error.issues.map((issue) => ({ pointer: pointerFor(issue.field), detail: issue.message }));
    return new HttpProblem(422, "validation-failed", "Unprocessable Content", error.message, {}, errors);
  }
  if (error instanceof InvalidCursorError) return new HttpProblem(400, "bad-request", "Bad Request", error.message);
  if (error instanceof AuthenticationError) return unauthorized(error.message);
  if (error instanceof ForbiddenError) return new HttpProblem(403, "forbidden", "Forbidden", error.message);
  if (error instanceof NotFoundError) return new HttpProblem(404, "not-found", "Not Found", error.message);
  if (error instanceof ConflictError) {
    const errors = error.field ? [{ pointer: pointerFor(error.field), detail: error.message }] : undefined;
    return new HttpProblem(409, "conflict", "Conflict", error.message, {}, errors);
  }
  if (error instanceof EditConflictError) {
    // Each field both changed, with what it holds now; the ETag (as etagOf writes it) is the version stored now.
    const errors = error.conflicts.map(({ field, current, yours }) => ({ pointer: pointerFor(field), detail: conflictDetail(field, current, yours) }));
    return new HttpProblem(409, "edit-conflict", "Conflict", error.message, { ETag: `"v${error.currentVersion}"` }, errors);
  }
  if (error instanceof PreconditionFailedError) {
    return new HttpProblem(412, "precondition-failed", "Precondition Failed", error.message);
  }
  return new HttpProblem(400, "bad-request", "Bad Request", error.message);
}

function conflictDetail(field: string, current: string | null, yours: string | null) {
  // A description can be long: named, not repeated (GET the task for its text).
  if (field === "description") return "Someone else also changed the description since your base; read the task for its text.";
  return `Someone else also changed ${field} since your base: it is ${JSON.stringify(current)} now; you sent ${JSON.stringify(yours)}.`;
}

export function unauthorized(detail: string, tokenSent = false) {
  const challenge = tokenSent ? 'Bearer realm="tandem", error="invalid_token"' : 'Bearer realm="tandem"';
  return new HttpProblem(401, "unauthorized", "Unauthorized", detail, { "WWW-Authenticate": challenge });
}

export const badRequest = (detail: string) => new HttpProblem(400, "bad-request", "Bad Request", detail);

/** A service's field name ("name", "a.b") as a JSON Pointer into the request body. */
function pointerFor(field: string) {
  if (field === "form") return "";
  return "/" + field.split(".").map((part) => part.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}
