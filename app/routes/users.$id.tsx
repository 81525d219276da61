import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { deactivateUser, getUser, reactivateUser, setUserPassword, updateUser } from "../../services/users.ts";
import { ConfirmPanel } from "~/components/confirm-panel";
import { ErrorSummary } from "~/components/form";
import { EditUserForm, SetPasswordForm } from "~/components/user-forms";
import { redirectWithFlash } from "~/flash.server";
import { formInput, readFormData } from "~/form-data.server";
import { formErrorResponse, pageError } from "~/form-errors.server";
import { requireSignedIn } from "~/session.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? "Person"} · Tandem` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const user = await getUser(actor, params.id!).catch(pageError);
  const confirming = new URL(request.url).searchParams.get("confirm");
  return {
    user,
    isAdmin: actor.role === "ADMIN",
    isSelf: actor.id === user.id,
    confirmDeactivate: confirming === "deactivate",
  };
}

const INTENTS = {
  update: (actor, id, input) => updateUser(actor, id, input).then((user) => `Saved changes to ${user.name}.`),
  "set-password": (actor, id, input) => setUserPassword(actor, id, input).then(() => "The new password is set."),
  deactivate: (actor, id) => deactivateUser(actor, id).then((user) => `${user.name} was deactivated and signed out.`),
  reactivate: (actor, id) => reactivateUser(actor, id).then((user) => `${user.name} can sign in again.`),
} satisfies Record<string, (actor: Parameters<typeof updateUser>[0], id: string, input: unknown) => Promise<string>>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent"));
  if (!Object.hasOwn(INTENTS, intent)) throw data("Unknown action.", { status: 400 });
  try {
    const message = await INTENTS[intent as keyof typeof INTENTS](actor, params.id!, formInput(formData));
    return redirectWithFlash(`/users/${params.id}`, { kind: "success", message });
  } catch (error) {
    return formErrorResponse(error, formData, intent);
  }
}

export default function UserDetails() {
  const { user, isAdmin, isSelf, confirmDeactivate } = useLoaderData<typeof loader>();
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
          <section aria-labelledby="password-heading" className="card">
            <h2 id="password-heading">Password</h2>
            <SetPasswordForm state={state} />
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
                <Link to="?confirm=deactivate" className="button button--danger">
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
