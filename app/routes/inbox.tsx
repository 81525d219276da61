import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { listNotifications, markNotificationsRead } from "#services/notifications.ts";
import { InboxList } from "#app/components/inbox-list.tsx";
import { pageError } from "#app/forms/errors.server.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Inbox · Tandem" }];

/** `?show=unread` narrows the list; `cursor` pages through it, newest first. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const url = new URL(request.url);
  const unreadOnly = url.searchParams.get("show") === "unread";
  const page = await listNotifications(actor, unreadOnly ? { unread: "true" } : {}, {
    cursor: url.searchParams.get("cursor") || undefined,
  }).catch(pageError);
  return { items: page.items, nextCursor: page.nextCursor, unreadOnly, here: `${url.pathname}${url.search}` };
}

export const action = intentAction({
  read: async ({ actor, input, request }) => {
    await markNotificationsRead(actor, { ids: [String(input.id ?? "")] });
    return { redirect: backTo(request), flash: "Marked read." };
  },
  "read-all": async ({ actor, request }) => {
    const { marked } = await markNotificationsRead(actor, { all: true });
    return { redirect: backTo(request), flash: marked === 1 ? "1 notification marked read." : `${marked} notifications marked read.` };
  },
});

/** Back to the inbox as it was shown (its filter and page), never anywhere else. */
function backTo(request: Request) {
  const url = new URL(request.url);
  return `/inbox${url.search}`;
}

export default function Inbox() {
  const { items, nextCursor, unreadOnly, here } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>Inbox</h1>
        <Form method="post" action={here}>
          <button type="submit" name="intent" value="read-all" className="button button--quiet">
            Mark all read
          </button>
        </Form>
      </div>
      <nav aria-label="Show" className="filters-nav">
        {unreadOnly ? <Link to="/inbox">All</Link> : <strong aria-current="page">All</strong>}{" "}
        {unreadOnly ? <strong aria-current="page">Unread</strong> : <Link to="/inbox?show=unread">Unread</Link>}
      </nav>
      {items.length === 0 ? (
        <p className="muted">
          {unreadOnly
            ? "Nothing unread."
            : "Nothing yet. You are told here when a task is assigned to you, when someone mentions you, and when someone else comments on or moves a task you created or are assigned to."}
        </p>
      ) : (
        <InboxList items={items} returnTo={here} />
      )}
      {nextCursor ? (
        <p>
          <Link to={`/inbox?${new URLSearchParams({ ...(unreadOnly ? { show: "unread" } : {}), cursor: nextCursor })}`}>Older</Link>
        </p>
      ) : null}
    </>
  );
}
