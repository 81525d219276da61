import { statusLabel } from "./task-status.tsx";

type Entry = {
  id: string;
  action: string;
  subjectName: string;
  details?: Record<string, unknown>;
  createdAt: string | Date;
  actor: { name: string } | null;
};

const VERBS: Record<string, string> = {
  "user.created": "added",
  "user.renamed": "renamed",
  "user.role_changed": "changed the role of",
  "user.deactivated": "deactivated",
  "user.reactivated": "reactivated",
  "user.password_set": "set a new password for",
  "user.password_changed": "changed the password of",
  "task.created": "created",
  "task.updated": "updated",
  "task.status_changed": "changed the status of",
  "task.deleted": "deleted",
};

/** " to Done" for a status change, from the details the service recorded. */
function outcome(entry: Entry) {
  const status = entry.details?.status as { to?: unknown } | undefined;
  return entry.action === "task.status_changed" && typeof status?.to === "string" ? ` to ${statusLabel(status.to)}` : "";
}

export function ActivityList({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <ol className="activity">
      {entries.map((entry) => (
        <li key={entry.id}>
          <strong>{entry.actor?.name ?? "Someone"}</strong> {VERBS[entry.action] ?? entry.action}{" "}
          <strong>{entry.subjectName}</strong>
          {outcome(entry)}{" "}
          <time dateTime={new Date(entry.createdAt).toISOString()}>{formatDateTime(entry.createdAt)}</time>
        </li>
      ))}
    </ol>
  );
}

/** UTC until the viewer's time zone is known (a later issue); unambiguous either way. */
export function formatDateTime(value: string | Date) {
  return new Date(value).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}
