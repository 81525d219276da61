import { Prisma } from "#services/db/client.ts";
import { queryRows } from "#services/db/sql.ts";
import { markdownTextRuns } from "./markdown.ts";

/**
 * Mentions (issue 13, decision 0026): `@Grace Hopper` or `@grace@example.com` in a comment or a
 * task's description names an active person on the team. The service recognises them when the
 * text is written (never the browser), and stores each as a link to the person beside the text:
 * `{ id, name, handle }`, where `handle` is what was typed after the `@` and `name` the person's
 * name then. Pages render the handle as a link showing that name (services/markdown.ts).
 *
 * The rules, the same for the recogniser and the renderer:
 * - an `@` starts a mention only at the start of a word (after a space, punctuation or nothing),
 *   so the `@` inside an address like `ada@example.com` does not;
 * - what follows is a person's email, or their whole name (either case), ending where a word
 *   ends: `@Grace Hopper's` mentions Grace Hopper, `@Grace Hoppers` does not;
 * - the longest match wins (`@Ada Lovelace King` over `@Ada Lovelace`), and a name two active
 *   people share mentions nobody (their emails still do);
 * - only in text: not in code, not inside a link's address.
 */
export type Mention = { id: string; name: string; handle: string };

export type Person = { id: string; name: string; email: string };

const WORD = /[\p{L}\p{N}_]/u;
const EMAIL_CHARACTER = /[\p{L}\p{N}_.+-]/u;

/** Each `@` that starts a word in `text`, with the text after it. */
function* mentionStarts(text: string): Generator<{ at: number; rest: string }> {
  for (let at = text.indexOf("@"); at !== -1; at = text.indexOf("@", at + 1)) {
    const before = at === 0 ? "" : text[at - 1]!;
    if (before && (WORD.test(before) || before === "@" || before === "." || before === "-" || before === "+")) continue;
    yield { at, rest: text.slice(at + 1) };
  }
}

/** Whether `handle` ends where a word ends in `rest` (which starts with it). */
function endsAWord(rest: string, handle: string, isEmail: boolean) {
  const next = rest.slice(handle.length);
  if (next === "") return true;
  // "@grace@example.com." ends the sentence: a final dot is punctuation, not part of the address.
  if (isEmail) return !EMAIL_CHARACTER.test(next[0]!) || (next[0] === "." && !EMAIL_CHARACTER.test(next[1] ?? " "));
  return !WORD.test(next[0]!);
}

type Candidate = { handle: string; mention: Mention; isEmail: boolean };

/** The longest candidate that `rest` starts with, compared case-insensitively. */
function longestAt(rest: string, candidates: Candidate[]): Candidate | undefined {
  const lower = rest.toLocaleLowerCase("und");
  let best: Candidate | undefined;
  for (const candidate of candidates) {
    const handle = candidate.handle.toLocaleLowerCase("und");
    if (!lower.startsWith(handle) || !endsAWord(rest, candidate.handle, candidate.isEmail)) continue;
    if (!best || candidate.handle.length > best.handle.length) best = candidate;
  }
  return best;
}

/** Whether nobody else among `people` has this person's name (any case): only then does the name mention them. */
function hasUniqueName(people: Person[]): (person: Person) => boolean {
  const count = new Map<string, number>();
  const key = (person: Person) => person.name.toLocaleLowerCase("und");
  for (const person of people) count.set(key(person), (count.get(key(person)) ?? 0) + 1);
  return (person) => count.get(key(person)) === 1;
}

/** Splits text into plain runs and mentions, for the renderer: only the stored handles count. */
export function splitMentions(text: string, mentions: Mention[]): (string | Mention)[] {
  if (mentions.length === 0 || !text.includes("@")) return [text];
  const candidates = mentions.map((mention) => ({
    handle: mention.handle,
    mention,
    isEmail: mention.handle.includes("@"),
  }));
  const parts: (string | Mention)[] = [];
  let from = 0;
  for (const { at, rest } of mentionStarts(text)) {
    if (at < from) continue;
    const found = longestAt(rest, candidates);
    if (!found) continue;
    if (at > from) parts.push(text.slice(from, at));
    parts.push(found.mention);
    from = at + 1 + found.handle.length;
  }
  if (from < text.length) parts.push(text.slice(from));
  return parts;
}

/**
 * The people a Markdown text mentions, each once, in the order first mentioned, with the handle
 * as typed there. `people` are the active team members (activePeople).
 */
export function recogniseMentions(markdown: string, people: Person[]): Mention[] {
  if (!markdown.includes("@") || people.length === 0) return [];
  const uniqueName = hasUniqueName(people);
  const candidates: Candidate[] = [];
  for (const person of people) {
    const mention = { id: person.id, name: person.name, handle: "" };
    if (person.email) candidates.push({ handle: person.email, mention, isEmail: true });
    if (uniqueName(person)) candidates.push({ handle: person.name, mention, isEmail: false });
  }
  const found = new Map<string, Mention>();
  for (const text of markdownTextRuns(markdown)) {
    for (const { rest } of mentionStarts(text)) {
      const match = longestAt(rest, candidates);
      if (!match || found.has(match.mention.id)) continue;
      found.set(match.mention.id, {
        ...match.mention,
        handle: rest.slice(0, match.handle.length),
      });
    }
  }
  return [...found.values()];
}

/** The active people, for recognising mentions: read only when the text has an `@` at all. */
export async function mentionablePeople(text: string): Promise<Person[]> {
  if (!text.includes("@")) return [];
  return queryRows<Person>(Prisma.sql`SELECT u."id", u."name", u."email" FROM "User" u WHERE u."active" = ${true}`);
}

/** The mentions of a text, read from the database's people. */
export async function findMentions(markdown: string): Promise<Mention[]> {
  return recogniseMentions(markdown, await mentionablePeople(markdown));
}

/** Stored mentions back from their JSON text (a column of Task and Comment). */
export function parseMentions(json: string | null | undefined): Mention[] {
  if (!json || json === "[]") return [];
  const value = JSON.parse(json) as unknown;
  return Array.isArray(value) ? (value as Mention[]) : [];
}

/** Who is newly mentioned in `after` compared with `before`: the people to notify. */
export function newlyMentioned(before: Mention[], after: Mention[]): Mention[] {
  const had = new Set(before.map((mention) => mention.id));
  return after.filter((mention) => !had.has(mention.id));
}

/**
 * People suggested while typing a mention (the completion with JavaScript): active, by name, each
 * with the handle to insert: their name, or their email when another active person has the same
 * name (a shared name mentions nobody).
 */
export async function suggestPeople(query: string, limit = 8): Promise<(Person & { handle: string })[]> {
  const q = query.normalize("NFKC").toLocaleLowerCase("und").trim();
  const people = await queryRows<Person>(
    Prisma.sql`SELECT u."id", u."name", u."email" FROM "User" u WHERE u."active" = ${true} ORDER BY u."name", u."id"`,
  );
  const matches = q
    ? people.filter((person) => {
        const name = person.name.normalize("NFKC").toLocaleLowerCase("und");
        return name.startsWith(q) || name.split(/\s+/).some((word) => word.startsWith(q)) || person.email.startsWith(q);
      })
    : people;
  const uniqueName = hasUniqueName(people);
  return matches.slice(0, limit).map((person) => ({
    ...person,
    handle: uniqueName(person) ? person.name : person.email,
  }));
}
