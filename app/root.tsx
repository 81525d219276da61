import { data, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { FlashMessage } from "~/components/flash-message";
import { useNonce } from "~/nonce";
import { readFlash } from "~/flash.server";
import stylesheet from "~/styles.css?url";

export const links = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

/** An error page keeps the Retry-After its error response carries (a 503 while the database refuses writes). */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const retryAfter = errorHeaders?.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  const { flash, headers } = await readFlash(request);
  return data({ flash }, { headers });
}

export function Layout({ children }: { children: ReactNode }) {
  // The CSP nonce of this response (entry.server.tsx); "" in the browser, where it is not needed.
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { flash } = useLoaderData<typeof loader>();
  return (
    <>
      <FlashMessage flash={flash} />
      <Outlet />
    </>
  );
}

/** Shown for thrown responses (403, 404) and crashes; never a stack trace in production. */
export function ErrorBoundary() {
  const error = useRouteError();
  const known = isRouteErrorResponse(error);
  const title = known ? `${error.status} ${titleFor(error.status)}` : "Something went wrong";
  const message = known && typeof error.data === "string" ? error.data : "Please try again, or go back to the start.";
  return (
    <main className="page page--narrow">
      <title>{`${title} · Tandem`}</title>
      <h1>{title}</h1>
      <p>{message}</p>
      {!known && import.meta.env.DEV && error instanceof Error ? <pre>{error.stack}</pre> : null}
      <p>
        <Link to="/">Back to Tandem</Link>
      </p>
    </main>
  );
}

function titleFor(status: number) {
  if (status === 503) return "Service unavailable";
  if (status === 413) return "Form too large";
  if (status === 415) return "Not a form";
  return status === 404 ? "Not found" : status === 403 ? "Not allowed" : status === 401 ? "Sign in needed" : "Error";
}
