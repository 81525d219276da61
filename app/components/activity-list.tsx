import { Link } from "@remix-run/react";
import type { Sentence, SentencePart } from "#services/activity-sentence.ts";
import { When } from "./when.tsx";

type Entry = {
  id: string;
  /** What was done, in parts (services/activity-sentence.ts): the task page's loader says "this" of its own task. */
  sentence: Sentence;
  createdAt: string | Date;
};

/**
 * A person links to their page (/users/:id opens for everyone signed in: the team is everyone's to
 * see, README's permission table); a task links to its page while it exists, and is only named once
 * it was deleted.
 */
function Part({ part }: { part: SentencePart }) {
  if (part.type === "text") return <>{part.text}</>;
  if (part.type === "person") return <Link to={`/users/${part.id}`}>{part.name}</Link>;
  return part.exists ? <Link to={`/tasks/${part.id}`}>{part.name}</Link> : <strong>{part.name}</strong>;
}

export function ActivityList({ entries }: { entries: Entry[] }) {
  if (entries.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <ol className="activity">
      {entries.map((entry) => (
        <li key={entry.id}>
          {entry.sentence.map((part, index) => (
            <Part key={index} part={part} />
          ))}{" "}
          <When value={entry.createdAt} />
        </li>
      ))}
    </ol>
  );
}
