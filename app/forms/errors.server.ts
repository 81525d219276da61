import { data } from "@remix-run/node";
import {
  AuthenticationError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidCursorError,
  NotFoundError,
  PreconditionFailedError,
  ServiceUnavailableError,
  TooManyAttemptsError,
  ValidationError,
} from "#services/errors.ts";
import type { FormState } from "./state.ts";
import { keptValues } from "./data.server.ts";

/**
 * The UI door's single mapping from domain errors to responses. Errors about the input
 * re-render the form (with the person's values kept); errors about access become the
 * error page. Anything that is not a domain error is a bug and propagates as a 500.
 */
export function formErrorResponse(error: unknown, formData: FormData, intent?: string) {
  if (!(error instanceof DomainError)) throw error;
  const state: FormState = { intent, fieldErrors: {}, values: keptValues(formData) };

  if (error instanceof ValidationError) {
    Object.assign(state, invalidInput(error));
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

function invalidInput(error: ValidationError | InvalidCursorError): Pick<FormState, "formError" | "fieldErrors"> {
  const fieldErrors: FormState["fieldErrors"] = {};
  if (error instanceof ValidationError) for (const issue of error.issues) fieldErrors[issue.field] ??= issue.message;
  return { formError: error.message, fieldErrors };
}

/**
 * For a page whose URL carries input (a list's filters and cursor): input the service refuses
 * becomes the state of the form that sent it, to show beside its fields; anything else is the
 * error page, as pageError makes it.
 */
export function queryProblem(error: unknown): FormState {
  if (error instanceof ValidationError || error instanceof InvalidCursorError) return { ...invalidInput(error), values: {} };
  return pageError(error);
}

/** Thrown, it makes the nearest ErrorBoundary render the message with 403, 404, 429 or 503. */
export function errorPageResponse(error: DomainError) {
  if (error instanceof ServiceUnavailableError) {
    return data(error.message, { status: 503, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  if (error instanceof TooManyAttemptsError) {
    // A public page opened with a one-time link, from an address that failed too often (login-throttle.ts).
    return data(error.message, { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } });
  }
  const status = error instanceof NotFoundError ? 404 : error instanceof ForbiddenError ? 403 : 400;
  return data(error.message, { status });
}

/** For loaders: a domain error (a missing or forbidden item) becomes the error page. */
export function pageError(error: unknown): never {
  if (error instanceof DomainError) throw errorPageResponse(error);
  throw error;
}
