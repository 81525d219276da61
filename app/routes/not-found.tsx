import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ErrorWords } from "#app/components/error-page.tsx";
import { Frame } from "#app/components/frame.tsx";
import { frameData } from "#app/forms/frame.server.ts";
import { getSignedIn } from "#app/forms/session.server.ts";

/**
 * Any address no other route claims (app/routes.ts lists it last; /api/* has its own problem+json
 * 404). It is outside the signed-in layout, whose loader would send a signed-out visitor to the
 * sign-in page: an unknown address is a 404 for everybody. Signed in, it is shown in the frame,
 * with the navigation to leave by; signed out, alone with a link to sign in.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getSignedIn(request);
  return data({ frame: signedIn ? await frameData(signedIn) : null }, { status: 404 });
}

export default function NotFound() {
  const { frame } = useLoaderData<typeof loader>();
  if (!frame) {
    return (
      <main id="main" className="page page--narrow" tabIndex={-1}>
        <ErrorWords status={404} signedIn={false} />
      </main>
    );
  }
  return (
    <Frame me={frame.me} time={frame.time}>
      <ErrorWords status={404} signedIn />
    </Frame>
  );
}
