import { data } from "@remix-run/node";
import { databaseUnavailable } from "../services/db/errors.ts";
import {
  AuthenticationError,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
  TooManyAttemptsError,
  ValidationError,
} from "../services/errors.ts";
import type { FormState } from "./form-state.ts";
import { keptValues } from "./form-data.server.ts";

/**
 * The UI door's single mapping from domain errors to responses. Errors about the input
 * re-render the form (with the person's values kept); errors about access become the
 * error page. Anything that is not a domain error is a bug and propagates as a 500.
 */
export function formErrorResponse(error: unknown, formData: FormData, intent?: string) {
  const unavailable = databaseUnavailable(error);
  if (unavailable) throw errorPageResponse(unavailable);
  if (!(error instanceof DomainError)) throw error;
  const state: FormState = { intent, fieldErrors: {}, values: keptValues(formData) };

  if (error instanceof ValidationError) {
    for (const issue of error.issues) state.fieldErrors[issue.field] ??= issue.message;
    state.formError = error.message;
    return data(state, { status: 400 });
  }
  if (error instanceof ConflictError) {
    if (error.field) state.fieldErrors[error.field] = error.message;
    state.formError = error.message;
    return data(state, { status: 409 });
  }
  if (error instanceof AuthenticationError) {
    state.formError = error.message;
    return data(state, { status: 401 });
  }
  if (error instanceof TooManyAttemptsError) {
    state.formError = error.message;
    return data(state, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  if (error instanceof PreconditionFailedError) {
    // A form is re-rendered with the newer state beside the person's own (409 Conflict, as for
    // other clashes with the current state); 412 is the API's answer to a stale If-Match.
    state.formError = error.message;
    return data(state, { status: 409 });
  }
  throw errorPageResponse(error);
}

/**
 * For a small form posted by a fetcher in the middle of a page (a row's status control): access
 * errors come back as the form's message too, with 403 or 404, instead of the error page that
 * would replace the whole list. Everything else is mapped as formErrorResponse maps it.
 */
export function inlineErrorResponse(error: unknown, formData: FormData, intent?: string) {
  if (error instanceof ForbiddenError || error instanceof NotFoundError) {
    const state: FormState = { intent, fieldErrors: {}, values: keptValues(formData), formError: error.message };
    return data(state, { status: error instanceof NotFoundError ? 404 : 403 });
  }
  return formErrorResponse(error, formData, intent);
}

/** Thrown, it makes the nearest ErrorBoundary render the message with 403, 404 or 503. */
export function errorPageResponse(error: DomainError) {
  if (error instanceof ServiceUnavailableError) {
    return data(error.message, { status: 503, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  const status = error instanceof NotFoundError ? 404 : error instanceof ForbiddenError ? 403 : 400;
  return data(error.message, { status });
}

/** For loaders: a domain error (a missing or forbidden item) becomes the error page. */
export function pageError(error: unknown): never {
  const unavailable = databaseUnavailable(error);
  if (unavailable) throw errorPageResponse(unavailable);
  if (error instanceof DomainError) throw errorPageResponse(error);
  throw error;
}
