import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createSession, revokeSession } from "#services/auth.ts";
import { acceptInvitation, openInvitation } from "#services/invitations.ts";
import { formatInstant, NEUTRAL_TIME } from "#app/time/format.ts";
import { AcceptInvitationForm } from "#app/components/link-forms.tsx";
import { pageError } from "#app/forms/errors.server.ts";
import { publicIntentAction } from "#app/forms/intent-action.server.ts";
import { revealingPageHeaders } from "#app/forms/page-headers.ts";
import { NO_STORE } from "#app/forms/reveal.server.ts";
import { commitSessionCookie, readSessionToken } from "#app/forms/session.server.ts";
import { clientAddress } from "#app/request.server.ts";

export const meta: MetaFunction = () => [{ title: "Join Tandem" }, { name: "robots", content: "noindex" }];

export const headers = revealingPageHeaders;

/** /invite/<secret>, no sign-in: who invited whom, or why the link no longer works (410; 404 for one never made). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const opened = await openInvitation(params.secret!, { address: clientAddress(request, context) }).catch(pageError);
  if (opened.status !== "live") return data({ opened, expires: null }, { status: opened.status === "unknown" ? 404 : 410, headers: NO_STORE });
  return data({ opened, expires: formatInstant(opened.expiresAt, NEUTRAL_TIME, true) }, { headers: NO_STORE });
}

export const action = publicIntentAction({
  accept: async ({ request, context, params, input }) => {
    const user = await acceptInvitation(params.secret!, input, { address: clientAddress(request, context) });
    // Signed in as the newcomer; a session planted before (or someone else's in this browser) is dropped.
    await revokeSession(await readSessionToken(request));
    const grant = await createSession(user.id);
    return { redirect: "/", flash: `Welcome to Tandem, ${user.name}.`, headers: { "Set-Cookie": await commitSessionCookie(request, grant) } };
  },
});

export default function AcceptInvitation() {
  const { opened, expires } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <main className="page page--narrow">
      {opened.status === "live" ? (
        <>
          <h1>Join Tandem</h1>
          <p>
            {opened.invitedBy} invited you as <strong>{opened.email}</strong>. Choose your password to join; this link works once, until{" "}
            {expires}.
          </p>
          <AcceptInvitationForm name={opened.name} email={opened.email} state={state} />
        </>
      ) : (
        <>
          <h1>This invitation cannot be used</h1>
          <p role="alert">{opened.message}</p>
          <p>
            <Link to="/login">Sign in</Link>
          </p>
        </>
      )}
    </main>
  );
}
