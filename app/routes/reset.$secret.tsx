import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createSession, revokeSession } from "#services/auth.ts";
import { openPasswordReset, usePasswordReset } from "#services/password-resets.ts";
import { formatInstant, NEUTRAL_TIME } from "#app/time/format.ts";
import { ResetPasswordForm } from "#app/components/link-forms.tsx";
import { pageError } from "#app/forms/errors.server.ts";
import { publicIntentAction } from "#app/forms/intent-action.server.ts";
import { revealingPageHeaders } from "#app/forms/page-headers.ts";
import { NO_STORE } from "#app/forms/reveal.server.ts";
import { commitSessionCookie, readSessionToken } from "#app/forms/session.server.ts";
import { clientAddress } from "#app/request.server.ts";

export const meta: MetaFunction = () => [{ title: "Set a new password · Tandem" }, { name: "robots", content: "noindex" }];

export const headers = revealingPageHeaders;

/** /reset/<secret>, no sign-in: whose password it sets, or why the link no longer works (410; 404 for one never made). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const opened = await openPasswordReset(params.secret!, { address: clientAddress(request, context) }).catch(pageError);
  if (opened.status !== "live") return data({ opened, expires: null }, { status: opened.status === "unknown" ? 404 : 410, headers: NO_STORE });
  return data({ opened, expires: formatInstant(opened.expiresAt, NEUTRAL_TIME, true) }, { headers: NO_STORE });
}

export const action = publicIntentAction({
  reset: async ({ request, context, params, input }) => {
    // Every session of the person ends with the new password; this browser gets a fresh one.
    const actor = await usePasswordReset(params.secret!, input, { address: clientAddress(request, context) });
    await revokeSession(await readSessionToken(request));
    const grant = await createSession(actor.id);
    return {
      redirect: "/",
      flash: "Your new password is set. You are signed in here and signed out everywhere else.",
      headers: { "Set-Cookie": await commitSessionCookie(request, grant) },
    };
  },
});

export default function ResetPassword() {
  const { opened, expires } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <main className="page page--narrow">
      {opened.status === "live" ? (
        <>
          <h1>Set a new password</h1>
          <p>
            For <strong>{opened.name}</strong> ({opened.email}). This link works once, until {expires}; your other sessions end when you
            save.
          </p>
          <ResetPasswordForm email={opened.email} state={state} />
        </>
      ) : (
        <>
          <h1>This link cannot be used</h1>
          <p role="alert">{opened.message}</p>
          <p>
            <Link to="/login">Sign in</Link>
          </p>
        </>
      )}
    </main>
  );
}
