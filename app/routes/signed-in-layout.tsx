import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireSignedIn } from "~/session.server";

/**
 * The frame of every signed-in page. Its check only decides what to render; each
 * service still checks the actor itself, because any loader or action can be called directly.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  return { me: { name: actor.name, role: actor.role } };
}

export default function SignedInLayout() {
  const { me } = useLoaderData<typeof loader>();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <nav aria-label="Main" className="topbar__nav">
          <NavLink to="/" end className="topbar__brand">
            Tandem
          </NavLink>
          <NavLink to="/tasks">Tasks</NavLink>
          <NavLink to="/users">Team</NavLink>
          <NavLink to="/settings">Settings</NavLink>
        </nav>
        <div className="topbar__me">
          <span>
            {me.name}
            {me.role === "ADMIN" ? <span className="badge">admin</span> : null}
          </span>
          <Form method="post" action="/logout">
            <button type="submit" className="button button--quiet">
              Sign out
            </button>
          </Form>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
