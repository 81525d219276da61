import type { HeadersFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

/**
 * For a route with an ErrorBoundary: its error page keeps the Retry-After its error response
 * carries (a 503 while the database refuses writes); other headers come from the parents.
 */
export const errorPageHeaders: HeadersFunction = ({ errorHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

/**
 * What an error page says, wherever it is shown: inside the signed-in frame (its navigation kept)
 * when a page under it fails, or alone from the root when nothing else could render. Thrown
 * responses (403, 404, 503) carry their words; a crash says nothing about its cause, and never a
 * stack trace in production.
 */
export function ErrorContent() {
  const error = useRouteError();
  const known = isRouteErrorResponse(error);
  const title = known ? `${error.status} ${titleFor(error.status)}` : "Something went wrong";
  const message = known && typeof error.data === "string" ? error.data : "Please try again, or go back to the start.";
  return (
    <>
      <title>{`${title} · Tandem`}</title>
      <h1>{title}</h1>
      <p>{message}</p>
      {!known && import.meta.env.DEV && error instanceof Error ? <pre>{error.stack}</pre> : null}
      <p>
        <Link to="/">Back to Tandem</Link>
      </p>
    </>
  );
}

function titleFor(status: number) {
  if (status === 503) return "Service unavailable";
  if (status === 413) return "Form too large";
  if (status === 415) return "Not a form";
  return status === 404 ? "Not found" : status === 403 ? "Not allowed" : status === 401 ? "Sign in needed" : "Error";
}
