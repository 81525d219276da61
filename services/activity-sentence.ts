/**
 * An activity entry as a sentence, in parts, written once for every place that shows activity:
 * the task page and the dashboard render the parts (people and tasks as links), and the API returns
 * them as they are (`sentence` on each entry). Pure: no database, no Remix.
 *
 * Entries written before the details named people (an assignee change recorded only as ids) stay
 * readable: they say "changed the assignee". Unknown actions and details fall back to the action's
 * name, so nothing recorded is ever unreadable.
 */

export type SentencePart =
  | { type: "text"; text: string }
  /** A person: the actor, an assignee, or a person an admin changed. */
  | { type: "person"; id: string; name: string }
  /** The task the entry is about; `exists` is false once it was deleted (no page to link to). */
  | { type: "task"; id: string; name: string; exists: boolean };

export type Sentence = SentencePart[];

/** What the sentence needs of an activity entry (ActivityEntry has it, and so does its JSON). */
export type DescribedEntry = {
  action: string;
  subjectType: string;
  subjectId: string;
  subjectName: string;
  subjectExists?: boolean;
  details?: Record<string, unknown>;
  actor: { id: string; name: string } | null;
};

/** The statuses as people read them, on pages and in sentences. */
export const STATUS_WORDS: Record<string, string> = { TODO: "To do", IN_PROGRESS: "In progress", DONE: "Done" };

const USER_VERBS: Record<string, string> = {
  "user.created": "added",
  "user.renamed": "renamed",
  "user.role_changed": "changed the role of",
  "user.deactivated": "deactivated",
  "user.reactivated": "reactivated",
  "user.password_set": "set a new password for",
  "user.password_changed": "changed the password of",
  "user.password_reset_issued": "made a password-reset link for",
};

const text = (value: string): SentencePart => ({ type: "text", text: value });

type Person = { id: string; name: string };

/**
 * The sentence for one entry. `here` is the task page's own task: there the task is "this"
 * ("Ada moved this from To do to In progress"); elsewhere it is named and linked ("Ada moved
 * Fix the login redirect from To do to In progress").
 */
export function describeActivity(entry: DescribedEntry, { here }: { here?: string } = {}): Sentence {
  const actor: SentencePart = entry.actor ? { type: "person", id: entry.actor.id, name: entry.actor.name } : text("Someone");
  if (entry.subjectType === "user") {
    const verb = USER_VERBS[entry.action] ?? entry.action;
    const person: SentencePart = { type: "person", id: entry.subjectId, name: entry.subjectName };
    return merge([actor, text(` ${verb} `), person]);
  }
  const task: SentencePart = { type: "task", id: entry.subjectId, name: entry.subjectName, exists: entry.subjectExists !== false };
  const isHere = here !== undefined && here === entry.subjectId;
  if (entry.action === "task.created") return merge([actor, ...(isHere ? [text(" created this task")] : [text(" created "), task])]);
  if (entry.action === "task.deleted") return merge([actor, ...(isHere ? [text(" deleted this task")] : [text(" deleted "), task])]);
  if (entry.action === "task.updated" || entry.action === "task.status_changed") {
    const clauses = taskClauses(entry.details ?? {}, entry.actor?.id ?? null);
    const said = clauses.map((clause, index) => clause(index > 0 ? "it" : isHere ? "this" : task));
    if (said.length === 0) return merge([actor, ...(isHere ? [text(" changed this task")] : [text(" changed "), task])]);
    return merge([actor, text(" "), ...joinClauses(said)]);
  }
  return merge([actor, text(` ${entry.action} `), task]);
}

/** The sentence as plain text (for a screen reader's label, a log line, a test). */
export function sentenceText(sentence: Sentence): string {
  return sentence.map((part) => (part.type === "text" ? part.text : part.name)).join("");
}

/** A clause is said of the task: named (a task part), or "this" / "it". */
type Ref = SentencePart | "this" | "it";
type Clause = (ref: Ref) => SentencePart[];

const refParts = (ref: Ref): SentencePart[] => (typeof ref === "string" ? [text(ref)] : [ref]);
/** " of Fix the login" when the task is named; nothing when it is "this" or "it". */
const ofTask = (word: string, ref: Ref): SentencePart[] => (typeof ref === "string" ? [] : [text(` ${word} `), ref]);

function change(details: Record<string, unknown>, field: string): { from: unknown; to: unknown } | null {
  const value = details[field];
  return value !== null && typeof value === "object" && "to" in value ? (value as { from: unknown; to: unknown }) : null;
}

function person(value: unknown): Person | null {
  if (value === null || typeof value !== "object") return null;
  const { id, name } = value as Partial<Person>;
  return typeof id === "string" && typeof name === "string" ? { id, name } : null;
}

const str = (value: unknown) => (typeof value === "string" ? value : value === null || value === undefined ? "" : String(value));
const statusWord = (value: unknown) => STATUS_WORDS[str(value)] ?? str(value);

function taskClauses(details: Record<string, unknown>, actorId: string | null): Clause[] {
  const clauses: Clause[] = [];
  const status = change(details, "status");
  if (status) clauses.push((ref) => [text("moved "), ...refParts(ref), text(` from ${statusWord(status.from)} to ${statusWord(status.to)}`)]);
  const title = change(details, "title");
  if (title) {
    clauses.push((ref) =>
      typeof ref === "string"
        ? [text(`renamed ${ref} from “${str(title.from)}” to “${str(title.to)}”`)]
        : [text(`renamed “${str(title.from)}” to `), ref],
    );
  }
  const assignee = change(details, "assignee");
  const assigneeId = change(details, "assigneeId");
  if (assignee) {
    const from = person(assignee.from);
    const to = person(assignee.to);
    const who = (p: Person): SentencePart[] => (p.id === actorId ? [text("themselves")] : [{ type: "person", ...p }]);
    if (to && !from) clauses.push((ref) => [text("assigned "), ...who(to), ...ofTask("to", ref)]);
    else if (from && !to) clauses.push((ref) => [text("unassigned "), ...who(from), ...ofTask("from", ref)]);
    else if (from && to) {
      clauses.push((ref) => [text("reassigned "), ...refParts(ref), text(" from "), { type: "person", ...from }, text(" to "), ...who(to)]);
    }
  } else if (assigneeId) {
    // Written before assignee changes named the people: the ids alone say only that it changed.
    const words = assigneeId.to === null ? "removed the assignee" : "changed the assignee";
    clauses.push((ref) => [text(words), ...ofTask("of", ref)]);
  }
  const due = change(details, "dueDate");
  if (due) {
    clauses.push((ref) =>
      due.to ? [text("set the due date"), ...ofTask("of", ref), text(` to ${str(due.to)}`)] : [text("removed the due date"), ...ofTask("of", ref)],
    );
  }
  if (change(details, "description")) clauses.push((ref) => [text("edited the description"), ...ofTask("of", ref)]);
  return clauses;
}

/** "a", "a and b", "a, b and c". */
function joinClauses(clauses: SentencePart[][]): SentencePart[] {
  return clauses.flatMap((clause, index) => [
    ...(index === 0 ? [] : [text(index === clauses.length - 1 ? " and " : ", ")]),
    ...clause,
  ]);
}

/** Adjacent text parts as one, so the parts read cleanly in JSON. */
function merge(parts: SentencePart[]): Sentence {
  const merged: Sentence = [];
  for (const part of parts) {
    const last = merged[merged.length - 1];
    if (part.type === "text" && last?.type === "text") merged[merged.length - 1] = text(last.text + part.text);
    else if (part.type !== "text" || part.text !== "") merged.push(part);
  }
  return merged;
}
