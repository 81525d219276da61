import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { can } from "#services/permissions.ts";
import { listUsers } from "#services/users.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Team · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  return { users: await listUsers(actor), isAdmin: can(actor, "user.manage") };
}

export default function Team() {
  const { users, isAdmin } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>Team</h1>
        {isAdmin ? (
          <Link to="/users/new" className="button">
            Add a person
          </Link>
        ) : null}
      </div>
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
    </>
  );
}
