import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { revokeAllSessions } from "../../services/auth.ts";
import { changeOwnPassword } from "../../services/users.ts";
import { ChangePasswordForm, SignOutEverywhereForm } from "~/components/settings-forms";
import { redirectWithFlash } from "~/flash.server";
import { formInput, readFormData } from "~/form-data.server";
import { formErrorResponse } from "~/form-errors.server";
import { clearSessionCookie, requireSignedIn } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Settings · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  return { email: actor.email };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, sessionId } = await requireSignedIn(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  try {
    if (intent === "change-password") {
      await changeOwnPassword(actor, formInput(formData), sessionId);
      return redirectWithFlash("/settings", {
        kind: "success",
        message: "Your password is changed. Your other sessions were signed out.",
      });
    }
    if (intent === "sign-out-everywhere") {
      await revokeAllSessions(actor);
      return redirectWithFlash(
        "/login",
        { kind: "success", message: "You were signed out everywhere." },
        { headers: { "Set-Cookie": await clearSessionCookie(request) } },
      );
    }
  } catch (error) {
    return formErrorResponse(error, formData, String(intent));
  }
  throw data("Unknown action.", { status: 400 });
}

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
      </section>
    </>
  );
}
