import { redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useSearchParams } from "@remix-run/react";
import { createSession, revokeSession, verifyLogin } from "#services/auth.ts";
import { LoginForm } from "#app/components/login-form.tsx";
import { publicIntentAction } from "#app/forms/intent-action.server.ts";
import { clientAddress, safeRedirect } from "#app/request.server.ts";
import { commitSessionCookie, getSignedIn, readSessionToken } from "#app/forms/session.server.ts";

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

export const action = publicIntentAction({
  "sign-in": async ({ request, context, form, input }) => {
    const actor = await verifyLogin(input, { address: clientAddress(request, context) });
    // A new session id at every sign-in; a session planted before it is dropped.
    await revokeSession(await readSessionToken(request));
    const grant = await createSession(actor.id);
    return { redirect: safeRedirect(form.get("redirectTo")), headers: { "Set-Cookie": await commitSessionCookie(request, grant) } };
  },
});

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
