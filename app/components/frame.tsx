import { Form, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Me } from "#app/forms/frame.server.ts";

/**
 * The frame of every signed-in page: skip link, navigation, who is signed in, and the page in
 * <main>. `me` is null when the frame's own data could not be loaded (its loader failed).
 */
export function Frame({ me, children }: { me: Me | null; children: ReactNode }) {
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
          <NavLink to="/inbox">
            Inbox
            {me && me.unread !== "0" ? " " : null}
            {me && me.unread !== "0" ? (
              <span className="badge badge--count">
                {me.unread}
                <span className="visually-hidden"> unread</span>
              </span>
            ) : null}
          </NavLink>
          <NavLink to="/settings">Settings</NavLink>
        </nav>
        {me ? (
          <div className="topbar__me">
            <span className="topbar__name">
              {me.name}
              {me.role === "ADMIN" ? <span className="badge">admin</span> : null}
            </span>
            <Form method="post" action="/logout">
              <button type="submit" className="button button--quiet">
                Sign out
              </button>
            </Form>
          </div>
        ) : null}
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
