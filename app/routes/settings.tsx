import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { revokeAllSessions } from "#services/auth.ts";
import { changeOwnPassword } from "#services/users.ts";
import { ChangePasswordForm, SignOutEverywhereForm } from "#app/components/settings-forms.tsx";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { clearSessionCookie, requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Settings · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  return { email: actor.email };
}

export const action = intentAction({
  "change-password": async ({ actor, sessionId, input }) => {
    await changeOwnPassword(actor, input, sessionId);
    return { redirect: "/settings", flash: "Your password is changed. Your other sessions were signed out." };
  },
  "sign-out-everywhere": async ({ actor, request }) => {
    await revokeAllSessions(actor);
    return { redirect: "/login", flash: "You were signed out everywhere.", headers: { "Set-Cookie": await clearSessionCookie(request) } };
  },
});

export default function Settings() {
  const { email } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>Settings</h1>
      <section aria-labelledby="password-heading" className="card">
        <h2 id="password-heading">Change your password</h2>
        <ChangePasswordForm email={email} state={state} />
      </section>
      <section aria-labelledby="sessions-heading" className="card">
        <h2 id="sessions-heading">Sessions</h2>
        <SignOutEverywhereForm state={state} />
      </section>
      <section aria-labelledby="tokens-heading" className="card">
        <h2 id="tokens-heading">API tokens</h2>
        <p>
          Scripts and integrations use a token to call the JSON API as you.{" "}
          <Link to="/settings/tokens">Manage your API tokens</Link>
        </p>
        <p>
          What the API can do, with examples: <Link to="/api/docs">the API documentation</Link>.
        </p>
      </section>
    </>
  );
}
