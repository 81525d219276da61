/**
 * The domain errors every service throws. Each door maps them in one place:
 * the UI (app/forms/errors.server.ts) and, later, the API (problem+json).
 */
export type FieldIssue = { field: string; message: string };

export class DomainError extends Error {
  override name = "DomainError";
}

/** Input broke a rule; `issues` name the offending fields. UI: 400 re-render; API: 422. */
export class ValidationError extends DomainError {
  override name = "ValidationError";
  constructor(
    readonly issues: FieldIssue[],
    message = "Please correct the highlighted fields.",
  ) {
    super(message);
  }
}

/** The thing does not exist, or the actor may not know that it does. */
export class NotFoundError extends DomainError {
  override name = "NotFoundError";
  constructor(what = "That item") {
    super(`${what} was not found.`);
  }
}

/** The actor is known but may not do this. */
export class ForbiddenError extends DomainError {
  override name = "ForbiddenError";
  constructor(message = "You are not allowed to do that.") {
    super(message);
  }
}

/** Credentials were missing or wrong (a login, later a bearer token). */
export class AuthenticationError extends DomainError {
  override name = "AuthenticationError";
  constructor(message = "Email or password is incorrect.") {
    super(message);
  }
}

/** The request clashes with the current state (a taken email, the last admin). */
export class ConflictError extends DomainError {
  override name = "ConflictError";
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The caller's view of the resource is stale (a version or ETag that no longer matches). */
export class PreconditionFailedError extends DomainError {
  override name = "PreconditionFailedError";
  constructor(message = "This item changed since you loaded it.") {
    super(message);
  }
}

/**
 * A stale edit that could not be merged: both the caller and someone else changed these fields
 * to different values since the version the caller opened (services/task-merge.ts). Nothing was
 * written. A PreconditionFailedError, so whatever handles a stale version handles this too; the
 * API answers it 409 with the fields, the form shows only these fields as differing.
 */
export class EditConflictError extends PreconditionFailedError {
  override name = "EditConflictError";
  constructor(
    /** Each conflicting field with the value stored now and the one the caller sent. */
    readonly conflicts: { field: string; current: string | null; yours: string | null }[],
    /** Fields only someone else changed: their values stay (the form shows them). */
    readonly keptTheirs: string[],
    /** The version stored now, to send with a knowing second save. */
    readonly currentVersion: number,
    message = "This task was changed by someone else since you opened it. They changed some of the same fields as you: compare them before you save again.",
  ) {
    super(message);
  }
}

/** A list cursor that does not decode or was altered. UI: 400 page; API: 400 problem. */
export class InvalidCursorError extends DomainError {
  override name = "InvalidCursorError";
  constructor() {
    super("The cursor is not valid: start again from the first page.");
  }
}

/**
 * Too many failed sign-ins for this account or from this client address (the login
 * throttle). UI: 429 re-render with `Retry-After`; `retryAfterSeconds` is when the next
 * try can succeed.
 */
export class TooManyAttemptsError extends DomainError {
  override name = "TooManyAttemptsError";
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Too many failed sign-ins. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`);
  }
}

/**
 * The database cannot do the work right now: it refuses writes (a read-only or full disk, an I/O
 * error) or another process held its write lock past the busy timeout. Nothing was changed; the
 * same request may succeed later. UI: 503 error page; API: 503 problem; both with `Retry-After`.
 */
export class ServiceUnavailableError extends DomainError {
  override name = "ServiceUnavailableError";
  constructor(
    readonly retryAfterSeconds = 5,
    message = "The database cannot be written right now, so nothing was changed. Please try again in a few moments.",
  ) {
    super(message);
  }
}
