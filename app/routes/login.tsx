import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { createSession, revokeSession, verifyLogin } from "../../services/auth.ts";
import { LoginForm } from "~/components/login-form";
import { formInput, readFormData } from "~/form-data.server";
import { formErrorResponse } from "~/form-errors.server";
import { clientAddress, safeRedirect } from "~/request.server";
import { commitSessionCookie, getSignedIn, readSessionToken } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Tandem" }];

/** Remix copies only cookies from an action's headers to the page; a throttled sign-in must say when to retry. */
export const headers: HeadersFunction = ({ actionHeaders, parentHeaders }) => {
  const headers = new Headers(parentHeaders);
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getSignedIn(request)) {
    throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  }
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  try {
    const actor = await verifyLogin(formInput(formData), { address: clientAddress(request, context) });
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
