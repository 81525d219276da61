import { Form, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Me } from "#app/forms/frame.server.ts";
import type { TimeSettings } from "#app/time/format.ts";
import { TimeSettingsProvider } from "./when.tsx";

/**
 * The frame of every signed-in page: skip link, navigation, who is signed in, and the page in
 * <main>. `me` is null when the frame's own data could not be loaded (its loader failed); `time`
 * is what every time below it is shown with (UTC and ISO then).
 */
export function Frame({ me, time, children }: { me: Me | null; time: TimeSettings; children: ReactNode }) {
  // "Tasks" is current on the list and on a task's pages, but not on the board, which has its own link.
  const onBoard = useLocation().pathname === "/tasks/board";
  return (
    <TimeSettingsProvider settings={time}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <nav aria-label="Main" className="topbar__nav">
          <NavLink to="/" end className="topbar__brand">
            Tandem
          </NavLink>
          <NavLink to="/tasks" end={onBoard}>
            Tasks
          </NavLink>
          <NavLink to="/tasks/board">Board</NavLink>
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
          <NavLink to="/api/docs">API docs</NavLink>
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
    </TimeSettingsProvider>
  );
}
