import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { ErrorContent, errorPageHeaders } from "#app/components/error-page.tsx";
import { Frame } from "#app/components/frame.tsx";
import { frameData } from "#app/forms/frame.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

/**
 * The frame of every signed-in page. Its check only decides what to render; each
 * service still checks the actor itself, because any loader or action can be called directly.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  return { me: await frameData(actor) };
}

export const headers = errorPageHeaders;

export default function SignedInLayout() {
  const { me } = useLoaderData<typeof loader>();
  return (
    <Frame me={me}>
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
    <Frame me={data?.me ?? null}>
      <ErrorContent signedIn={data ? true : undefined} />
    </Frame>
  );
}
