import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import { BROWSER_TIME_INTENT } from "#app/components/browser-time.tsx";
import { ErrorContent, errorPageHeaders } from "#app/components/error-page.tsx";
import { FlashMessage } from "#app/components/flash-message.tsx";
import { PendingBar } from "#app/components/pending-bar.tsx";
import { useNonce } from "./nonce.ts";
import { readFlash } from "#app/forms/flash.server.ts";
import stylesheet from "./styles.css?url";

export const links = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const headers = errorPageHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const { flash, headers } = await readFlash(request);
  return data({ flash }, { headers });
}

/**
 * The browser's time zone, posted by a fetcher on a person's first page (app/components/browser-time.tsx),
 * is not a step the person took: the root's data (the flash of the step they did take, read once
 * and cleared) stays as it is. Only the frame and the page run again, to show the new zone.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === BROWSER_TIME_INTENT ? false : defaultShouldRevalidate;

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
      <PendingBar />
      <FlashMessage flash={flash} />
      <Outlet />
    </>
  );
}

/** When nothing under the root could render (the signed-in frame has its own, see signed-in-layout.tsx). */
export function ErrorBoundary() {
  return (
    <main className="page page--narrow">
      <ErrorContent />
    </main>
  );
}
