import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { createSession, revokeSession, verifyLogin } from "../../services/auth.ts";
import { LoginForm } from "~/components/login-form";
import { formInput } from "~/form-data.server";
import { checkLoginAllowed, clearLoginFailures, recordLoginFailure } from "../../services/login-throttle.ts";
import { AuthenticationError } from "../../services/errors.ts";
import { formErrorResponse } from "~/form-errors.server";
import { clientAddress, safeRedirect } from "~/request.server";
import { commitSessionCookie, getSignedIn, readSessionToken } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSignedIn(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const email = formData.get("email");
  const attempt = { email: typeof email === "string" ? email : null, address: clientAddress(request, context) };
  try {
    // Throttled before the password is checked: a refused attempt learns nothing and costs no hash.
    await checkLoginAllowed(attempt);
    let actor;
    try {
      actor = await verifyLogin(formInput(formData));
    } catch (error) {
      if (error instanceof AuthenticationError) await recordLoginFailure(attempt);
      throw error;
    }
    await clearLoginFailures(attempt);
    // A new session id at every sign-in; a session planted before it is dropped.
    await revokeSession(await readSessionToken(request));
    const grant = await createSession(actor.id);
    return redirect(safeRedirect(formData.get("redirectTo")), {
      headers: { "Set-Cookie": await commitSessionCookie(request, grant) },
    });
  } catch (error) {
    return formErrorResponse(error, formData);
  }
}

export default function Login() {
  const state = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  return (
    <main className="page page--narrow">
      <h1>Sign in to Tandem</h1>
      <LoginForm state={state} redirectTo={searchParams.get("redirectTo") ?? "/"} />
    </main>
  );
}
