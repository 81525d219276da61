import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
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
