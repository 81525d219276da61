import { describe, expect, it } from "vitest";
import { createComment, getComment, updateComment } from "#services/comments.ts";
import { renderMarkdown } from "#services/markdown.ts";
import { findMentions, newlyMentioned, recogniseMentions, splitMentions, suggestPeople, type Person } from "#services/mentions.ts";
import { createTask, getTask, updateTask } from "#services/tasks.ts";
import { createUser } from "#tests/support/factories.ts";

const ada: Person = { id: "u-ada", name: "Ada Lovelace", email: "ada@example.com" };
const grace: Person = { id: "u-grace", name: "Grace Hopper", email: "grace@example.com" };
const samOne: Person = { id: "u-sam1", name: "Sam Lee", email: "sam1@example.com" };
const samTwo: Person = { id: "u-sam2", name: "Sam Lee", email: "sam2@example.com" };
const adaKing: Person = { id: "u-king", name: "Ada Lovelace King", email: "king@example.com" };
const team = [ada, grace, samOne, samTwo];

const handles = (text: string, people = team) => recogniseMentions(text, people).map(({ id, handle }) => [id, handle]);

describe("recogniseMentions: @name or @email of an active person, in text", () => {
  it("recognises a whole name in any case, and an email, with the handle as typed", () => {
    expect(handles("@Ada Lovelace, can you look?")).toEqual([["u-ada", "Ada Lovelace"]]);
    expect(handles("thanks @ada lovelace")).toEqual([["u-ada", "ada lovelace"]]);
    expect(handles("cc @grace@example.com.")).toEqual([["u-grace", "grace@example.com"]]);
    expect(handles("@Grace Hopper's idea")).toEqual([["u-grace", "Grace Hopper"]]);
  });

  it("needs the name to end where a word ends, and the @ to start a word", () => {
    expect(handles("@Ada Lovelaces")).toEqual([]);
    expect(handles("@Ada")).toEqual([]);
    expect(handles("mail me at me@Ada Lovelace")).toEqual([]);
    expect(handles("write to ada@example.com")).toEqual([]);
  });

  it("takes the longest name, and lists each person once, in the order first mentioned", () => {
    expect(handles("@Ada Lovelace King and @Ada Lovelace", [ada, adaKing])).toEqual([
      ["u-king", "Ada Lovelace King"],
      ["u-ada", "Ada Lovelace"],
    ]);
    expect(handles("@Grace Hopper, @Ada Lovelace and @grace@example.com")).toEqual([
      ["u-grace", "Grace Hopper"],
      ["u-ada", "Ada Lovelace"],
    ]);
  });

  it("mentions nobody by a name two people share; their emails still work", () => {
    expect(handles("@Sam Lee")).toEqual([]);
    expect(handles("@sam2@example.com")).toEqual([["u-sam2", "sam2@example.com"]]);
  });

  it("ignores code and links, as the page shows them", () => {
    expect(handles("`@Ada Lovelace` and\n\n    @Grace Hopper in code")).toEqual([]);
    expect(handles("[@Ada Lovelace](https://example.com)")).toEqual([]);
  });
});

describe("rendering: a mention is a link to the person, showing their name", () => {
  it("links the stored handles only, and escapes the name", () => {
    const mentions = [{ id: "u-1", name: "<b>Eve</b>", handle: "eve@example.com" }];
    expect(renderMarkdown("hi @eve@example.com and @Other Person", mentions)).toBe(
      '<p>hi <a href="/users/u-1" class="mention">@&lt;b&gt;Eve&lt;/b&gt;</a> and @Other Person</p>\n',
    );
  });

  it("leaves code and text without stored mentions as they are", () => {
    const mentions = [{ id: "u-ada", name: "Ada Lovelace", handle: "Ada Lovelace" }];
    expect(renderMarkdown("`@Ada Lovelace`", mentions)).toBe("<p><code>@Ada Lovelace</code></p>\n");
    expect(renderMarkdown("@Ada Lovelace")).toBe("<p>@Ada Lovelace</p>\n");
    expect(splitMentions("a @Ada Lovelace b @Ada Lovelace", mentions)).toEqual(["a ", mentions[0], " b ", mentions[0]]);
  });

  it("does not make a bare address a mailto link, so an email can be a mention", () => {
    expect(renderMarkdown("write to grace@example.com")).toBe("<p>write to grace@example.com</p>\n");
    expect(renderMarkdown("<grace@example.com>")).toContain('href="mailto:grace@example.com"');
  });
});

describe("newlyMentioned", () => {
  it("is the people in the new list who were not in the old one", () => {
    const a = { id: "a", name: "A", handle: "A" };
    const b = { id: "b", name: "B", handle: "B" };
    expect(newlyMentioned([a], [a, b])).toEqual([b]);
    expect(newlyMentioned([a, b], [a])).toEqual([]);
  });
});

describe("the services recognise mentions when text is written", () => {
  it("stores a comment's mentions of active people, not of deactivated ones, and renders them", async () => {
    const author = await createUser({ name: "Ann Author" });
    const active = await createUser({ name: "Mia Mentioned" });
    await createUser({ name: "Dee Deactivated", active: false });
    const task = await createTask(author.actor, { title: "Talk" });

    const comment = await createComment(author.actor, task.id, { body: "@Mia Mentioned and @Dee Deactivated" });

    expect(comment.mentions).toEqual([{ id: active.id, name: "Mia Mentioned", handle: "Mia Mentioned" }]);
    expect((await getComment(author.actor, comment.id)).html).toBe(
      `<p><a href="/users/${active.id}" class="mention">@Mia Mentioned</a> and @Dee Deactivated</p>\n`,
    );
    const edited = await updateComment(author.actor, comment.id, { body: "no one now" });
    expect(edited.mentions).toEqual([]);
  });

  it("stores a description's mentions on create and on edit", async () => {
    const creator = await createUser({ name: "Cy Creator" });
    const mia = await createUser({ name: "Mia Mentioned" });
    const task = await createTask(creator.actor, { title: "Plan", description: `Ask @${mia.email}` });
    expect(task.mentions).toEqual([{ id: mia.id, name: "Mia Mentioned", handle: mia.email }]);

    await updateTask(creator.actor, task.id, { description: "Nobody" });
    expect((await getTask(creator.actor, task.id)).mentions).toEqual([]);
    expect(await findMentions("@Mia Mentioned")).toEqual([{ id: mia.id, name: "Mia Mentioned", handle: "Mia Mentioned" }]);
  });
});

describe("suggestPeople: the completion while typing", () => {
  it("suggests active people whose name or any word of it starts with the query, with the handle to insert", async () => {
    const grace = await createUser({ name: "Grace Hopper", email: "grace@example.com" });
    await createUser({ name: "Gone Person", active: false });
    const twinA = await createUser({ name: "Twin Name", email: "twin-a@example.com" });

    expect((await suggestPeople("hop")).map((person) => [person.id, person.handle])).toEqual([[grace.id, "Grace Hopper"]]);
    expect((await suggestPeople("go")).map((person) => person.name)).toEqual([]);
    await createUser({ name: "Twin Name", email: "twin-b@example.com" });
    const twins = await suggestPeople("twin");
    expect(twins.find((person) => person.id === twinA.id)?.handle).toBe("twin-a@example.com");
  });
});
