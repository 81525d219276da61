import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { listInvitations, revokeInvitation } from "#services/invitations.ts";
import { can } from "#services/permissions.ts";
import { listUsers } from "#services/users.ts";
import { InvitationTable, LinkToPassOn } from "#app/components/link-forms.tsx";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { revealingPageHeaders } from "#app/forms/page-headers.ts";
import { NO_STORE, takeRevealed } from "#app/forms/reveal.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Team · Tandem" }];

export const headers = revealingPageHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const users = await listUsers(actor);
  if (!can(actor, "user.create")) return data({ users, isAdmin: false, invitations: [], invited: null, revoking: null });
  // The link of an invitation made just now, once (app/forms/reveal.server.ts).
  const [invitations, invited] = await Promise.all([listInvitations(actor), takeRevealed(request, "invitation")]);
  const revoking = new URL(request.url).searchParams.get("revoke");
  return data({ users, isAdmin: true, invitations, invited, revoking }, { headers: NO_STORE });
}

export const action = intentAction({
  "revoke-invitation": async ({ actor, form }) => {
    const invitation = await revokeInvitation(actor, String(form.get("invitationId") ?? ""));
    return { redirect: "/users", flash: `The invitation for ${invitation.email} was revoked: its link no longer works.` };
  },
});

export default function Team() {
  const { users, isAdmin, invitations, invited, revoking } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <div className="page-header">
        <h1>Team</h1>
        {isAdmin ? (
          <div className="page-header__actions">
            <Link to="/users/invite" className="button">
              Invite a person
            </Link>
            <Link to="/users/new" className="button button--quiet">
              Add a person
            </Link>
          </div>
        ) : null}
      </div>
      {invited ? <LinkToPassOn heading={`Invitation for ${invited.email}`} to={invited.email} url={invited.url} expiresAt={invited.expiresAt} /> : null}
      <table className="table table--cards">
        <caption className="visually-hidden">Everyone on the team</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className={user.active ? undefined : "row--inactive"}>
              <td className="table__lead">{isAdmin ? <Link to={`/users/${user.id}`}>{user.name}</Link> : user.name}</td>
              <td data-label="Email">{user.email}</td>
              <td data-label="Role">{user.role === "ADMIN" ? "Admin" : "Member"}</td>
              <td data-label="Status">{user.active ? "Active" : "Deactivated"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {isAdmin ? (
        <section aria-labelledby="invitations-heading">
          <h2 id="invitations-heading">Invitations waiting</h2>
          <InvitationTable invitations={invitations} confirming={revoking} state={state} />
        </section>
      ) : null}
    </>
  );
}
