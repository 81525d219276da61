import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { BrowserTimeDefault } from "#app/components/browser-time.tsx";
import { ErrorContent, errorPageHeaders } from "#app/components/error-page.tsx";
import { TimeSettingsProvider } from "#app/components/when.tsx";
import { requireSignedIn } from "#app/forms/session.server.ts";
import { NEUTRAL_TIME, type TimeSettings } from "#app/time/format.ts";
import { timeSettingsFor } from "#app/time/settings.server.ts";
import { countUnread, UNREAD_COUNT_CAP } from "#services/notifications.ts";

/**
 * The frame of every signed-in page. Its check only decides what to render; each
 * service still checks the actor itself, because any loader or action can be called directly.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, time } = await requireSignedIn(request);
  // Counted on every page load (one indexed statement), so the badge is right without JavaScript;
  // shown as "99+" from the cap on (the text is made here: services stay out of the browser build).
  const unread = await countUnread(actor);
  return {
    me: { name: actor.name, role: actor.role, unread: unread >= UNREAD_COUNT_CAP ? `${UNREAD_COUNT_CAP - 1}+` : String(unread) },
    // Every time on the pages below is shown with these (app/components/when.tsx; decision 0031).
    time: timeSettingsFor(time),
    askBrowserForTime: time.timeZone === null,
  };
}

export const headers = errorPageHeaders;

/** `unread` is the badge's text, "0" for none. */
type Me = { name: string; role: string; unread: string };

export default function SignedInLayout() {
  const { me, time, askBrowserForTime } = useLoaderData<typeof loader>();
  return (
    <Frame me={me} time={time}>
      <BrowserTimeDefault needed={askBrowserForTime} />
      <Outlet />
    </Frame>
  );
}

/**
 * A page under the frame that fails (a task that is gone, a page only admins may see, the database
 * away) is shown inside the frame, so its navigation stays. The frame's own data is there unless
 * its loader is what failed.
 */
export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("routes/signed-in-layout");
  return (
    <Frame me={data?.me ?? null} time={data?.time ?? NEUTRAL_TIME}>
      <ErrorContent />
    </Frame>
  );
}

function Frame({ me, time, children }: { me: Me | null; time: TimeSettings; children: ReactNode }) {
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
        ) : null}
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {children}
      </main>
    </TimeSettingsProvider>
  );
}
