import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { BrowserTimeDefault } from "#app/components/browser-time.tsx";
import { ErrorContent, errorPageHeaders } from "#app/components/error-page.tsx";
import { Frame } from "#app/components/frame.tsx";
import { frameData } from "#app/forms/frame.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";
import { NEUTRAL_TIME } from "#app/time/format.ts";

/**
 * The frame of every signed-in page. Its check only decides what to render; each
 * service still checks the actor itself, because any loader or action can be called directly.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  return frameData(await requireSignedIn(request));
}

export const headers = errorPageHeaders;

export default function SignedInLayout() {
  const { me, time, askBrowserForTime } = useLoaderData<typeof loader>();
  return (
    <Frame me={me} time={time}>
      <BrowserTimeDefault needed={askBrowserForTime} />
      <Outlet />
    </Frame>
  );
}

/**
 * A page under the frame that fails (a task that is gone, a page only admins may see, the database
 * away) is shown inside the frame, so its navigation stays. The frame's own data is there unless
 * its loader is what failed.
 */
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("routes/signed-in-layout");
  return (
    <Frame me={data?.me ?? null} time={data?.time ?? NEUTRAL_TIME}>
      <ErrorContent signedIn={data ? true : undefined} />
    </Frame>
  );
}
