import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createPasswordReset } from "#services/password-resets.ts";
import { can } from "#services/permissions.ts";
import { deactivateUser, getUser, reactivateUser, setUserPassword, updateUser } from "#services/users.ts";
import { confirmAnchor, ConfirmPanel } from "#app/components/confirm-panel.tsx";
import { ErrorSummary, PostForm, SubmitButton } from "#app/components/form.tsx";
import { LinkToPassOn } from "#app/components/link-forms.tsx";
import { EditUserForm, SetPasswordForm } from "#app/components/user-forms.tsx";
import { deliverFromForm } from "#app/forms/deliver-link.server.ts";
import { revealingPageHeaders } from "#app/forms/page-headers.ts";
import { NO_STORE, takeRevealed } from "#app/forms/reveal.server.ts";
import { pageError } from "#app/forms/errors.server.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? "Person"} · Tandem` }];

export const headers = revealingPageHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const user = await getUser(actor, params.id!).catch(pageError);
  const confirming = new URL(request.url).searchParams.get("confirm");
  const isAdmin = can(actor, "user.manage");
  // A password-reset link made just now, once (app/forms/reveal.server.ts).
  const resetLink = isAdmin ? await takeRevealed(request, "password_reset") : null;
  return data(
    { user, isAdmin, isSelf: actor.id === user.id, confirmDeactivate: confirming === "deactivate", resetLink },
    { headers: NO_STORE },
  );
}

export const action = intentAction({
  update: async ({ actor, params, input }) => {
    const user = await updateUser(actor, params.id!, input);
    return { redirect: `/users/${user.id}`, flash: `Saved changes to ${user.name}.` };
  },
  "set-password": async ({ actor, params, input }) => {
    await setUserPassword(actor, params.id!, input);
    return { redirect: `/users/${params.id}`, flash: "The new password is set." };
  },
  "reset-link": async ({ actor, request, params }) => {
    const { reset, secret } = await createPasswordReset(actor, params.id!);
    const flash = await deliverFromForm(request, { kind: "password_reset", to: reset.user, path: `/reset/${secret}`, expiresAt: reset.expiresAt });
    return { redirect: `/users/${reset.user.id}`, flash };
  },
  deactivate: async ({ actor, params }) => {
    const user = await deactivateUser(actor, params.id!);
    return { redirect: `/users/${user.id}`, flash: `${user.name} was deactivated and signed out.` };
  },
  reactivate: async ({ actor, params }) => {
    const user = await reactivateUser(actor, params.id!);
    return { redirect: `/users/${user.id}`, flash: `${user.name} can sign in again.` };
  },
});

export default function UserDetails() {
  const { user, isAdmin, isSelf, confirmDeactivate, resetLink } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/users">← Team</Link>
      </p>
      <h1>{user.name}</h1>
      <dl className="details">
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Role</dt>
        <dd>{user.role === "ADMIN" ? "Admin" : "Member"}</dd>
        <dt>Status</dt>
        <dd>{user.active ? "Active" : "Deactivated"}</dd>
      </dl>
      {isAdmin ? (
        <>
          <section aria-labelledby="edit-heading" className="card">
            <h2 id="edit-heading">Name and role</h2>
            <EditUserForm user={user} state={state} />
          </section>
          {resetLink ? (
            <LinkToPassOn heading={`Password-reset link for ${resetLink.name}`} to={resetLink.name} url={resetLink.url} expiresAt={resetLink.expiresAt} />
          ) : null}
          <section aria-labelledby="password-heading" className="card">
            <h2 id="password-heading">Password</h2>
            <SetPasswordForm state={state} />
            <h3>Or let them choose one</h3>
            <p className="muted">
              A one-time link with which {user.name} sets a new password; it works for 24 hours and replaces any earlier link. Their
              sessions end when they use it.
            </p>
            <PostForm intent="reset-link" state={state}>
              <SubmitButton intent="reset-link" pendingText="Making the link…" className="button button--quiet">
                Make a password-reset link
              </SubmitButton>
            </PostForm>
          </section>
          <section aria-labelledby="access-heading" className="card">
            <h2 id="access-heading">Access</h2>
            {!user.active ? (
              <ConfirmPanel intent="reactivate" state={state} submitText="Reactivate" pendingText="Reactivating…">
                {user.name} cannot sign in. Reactivating lets them sign in again with their password.
              </ConfirmPanel>
            ) : isSelf ? (
              <p className="muted">You cannot deactivate your own account.</p>
            ) : confirmDeactivate ? (
              <ConfirmPanel
                intent="deactivate"
                state={state}
                submitText={`Yes, deactivate ${user.name}`}
                pendingText="Deactivating…"
                cancelTo={`/users/${user.id}`}
                danger
              >
                {user.name} will be signed out everywhere at once and will not be able to sign in until an admin
                reactivates them. Their tasks and history stay.
              </ConfirmPanel>
            ) : (
              <>
                <ErrorSummary state={state?.intent === "deactivate" ? state : null} />
                <Link to={`?confirm=deactivate#${confirmAnchor("deactivate")}`} className="button button--danger">
                  Deactivate…
                </Link>
              </>
            )}
          </section>
        </>
      ) : null}
    </>
  );
}
