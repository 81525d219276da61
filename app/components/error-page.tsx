import type { HeadersFunction } from "@remix-run/node";
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";

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
export function ErrorContent({ signedIn }: { signedIn?: boolean }) {
  const error = useRouteError();
  const known = isRouteErrorResponse(error);
  return (
    <ErrorWords status={known ? error.status : 500} detail={known && typeof error.data === "string" ? error.data : undefined} signedIn={signedIn}>
      {!known && import.meta.env.DEV && error instanceof Error ? <pre>{error.stack}</pre> : null}
    </ErrorWords>
  );
}

/**
 * The words for a status, in plain language, with the code kept small beneath for whoever
 * reports it, and a way back: into the app when signed in, to the sign-in page when not, and to
 * the start (which sends a signed-out person on to sign in) when that is not known.
 */
export function ErrorWords({ status, detail, signedIn, children }: { status: number; detail?: string; signedIn?: boolean; children?: ReactNode }) {
  const { title, hint } = wordsFor(status);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <title>{`${title} · Tandem`}</title>
      <h1 id="error-title">{title}</h1>
      <p>{detail ?? hint}</p>
      {children}
      <p className="muted">Error {status}</p>
      <ul className="error-page__links">
        {signedIn === undefined ? (
          <li>
            <Link to="/">Back to Tandem</Link>
          </li>
        ) : signedIn ? (
          <>
            <li>
              <Link to="/">Back to the dashboard</Link>
            </li>
            <li>
              <Link to="/tasks">See the tasks</Link>
            </li>
          </>
        ) : (
          <li>
            <Link to="/login">Sign in to Tandem</Link>
          </li>
        )}
      </ul>
    </section>
  );
}

function wordsFor(status: number): { title: string; hint: string } {
  switch (status) {
    case 404:
      return { title: "This page does not exist", hint: "The address may be mistyped, or what was here has been deleted." };
    case 403:
      return { title: "You don’t have access to this page", hint: "It is for admins only. Ask one if you need something from it." };
    case 401:
      return { title: "Please sign in", hint: "This page is only for people who are signed in." };
    case 503:
      return { title: "Service unavailable", hint: "Tandem cannot reach its database just now. Please try again in a moment." };
    case 413:
      return { title: "Form too large", hint: "What was sent is more than Tandem accepts. Please shorten it and try again." };
    case 415:
      return { title: "Not a form", hint: "Tandem expected a form here. Please go back and try again." };
    default:
      return { title: "Something went wrong", hint: "Please try again, or go back to the start." };
  }
}
