import { Form, Link } from "@remix-run/react";
import { STATUS_LABELS } from "./task-status.tsx";
import { When } from "./when.tsx";
import type { TaskStatus } from "#services/tasks.ts";

export type InboxItem = {
  id: string;
  kind: "mentioned" | "assigned" | "commented" | "status_changed";
  task: { id: string; title: string };
  commentId: string | null;
  actor: { id: string; name: string } | null;
  details: Record<string, unknown>;
  read: boolean;
  createdAt: string | Date;
};

/**
 * What happened, in words around the task's title (the link): "Ada mentioned you in a comment on"
 * [title]; "Ada moved" [title] "from To do to In progress".
 */
export function notificationWords(item: InboxItem): {
  before: string;
  after: string;
} {
  const who = item.actor?.name ?? "Someone";
  switch (item.kind) {
    case "mentioned":
      return {
        before: `${who} mentioned you in ${item.commentId ? "a comment on" : "the description of"}`,
        after: "",
      };
    case "assigned":
      return { before: `${who} assigned you`, after: "" };
    case "commented":
      return { before: `${who} commented on`, after: "" };
    case "status_changed": {
      const label = (status: unknown) => STATUS_LABELS[status as TaskStatus] ?? String(status);
      return {
        before: `${who} moved`,
        after: ` from ${label(item.details.from)} to ${label(item.details.to)}`,
      };
    }
  }
}

/**
 * The inbox, newest first. Each item's link goes through /inbox/:id, which marks it read and then
 * opens the task (at the comment); "Mark read" is a form of its own, so it works without JavaScript.
 */
export function InboxList({ items, returnTo }: { items: InboxItem[]; returnTo: string }) {
  return (
    <ol className="inbox">
      {items.map((item) => (
        <InboxEntry key={item.id} item={item} returnTo={returnTo} />
      ))}
    </ol>
  );
}

function InboxEntry({ item, returnTo }: { item: InboxItem; returnTo: string }) {
  const { before, after } = notificationWords(item);
  return (
    <li className={item.read ? "inbox__item" : "inbox__item inbox__item--unread"}>
      <p className="inbox__text">
        {item.read ? null : <span className="visually-hidden">Unread: </span>}
        {before} <Link to={`/inbox/${item.id}`}>{item.task.title}</Link>
        {after}{" "}
        <span className="muted">
          <When value={item.createdAt} />
        </span>
      </p>
      {item.read ? null : (
        <Form method="post" action={returnTo} className="inbox__form">
          <input type="hidden" name="id" value={item.id} />
          <button type="submit" name="intent" value="read" className="button button--quiet" aria-label={`Mark read: ${item.task.title}`}>
            Mark read
          </button>
        </Form>
      )}
    </li>
  );
}
