import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { InboxList, notificationWords, type InboxItem } from "#app/components/inbox-list.tsx";
import { mentionQueryAt } from "#app/components/mention-completion.tsx";
import { renderPage } from "./helpers.tsx";

const item = (overrides: Partial<InboxItem>): InboxItem => ({
  id: "n1",
  kind: "assigned",
  task: { id: "t1", title: "Plan the launch" },
  commentId: null,
  actor: { id: "u1", name: "Ada" },
  details: {},
  read: false,
  createdAt: "2031-03-01T09:00:00.000Z",
  ...overrides,
});

describe("notificationWords", () => {
  it("says what happened for each kind", () => {
    const words = (overrides: Partial<InboxItem>) => {
      const { before, after } = notificationWords(item(overrides));
      return `${before} [task]${after}`;
    };
    expect(words({ kind: "assigned" })).toBe("Ada assigned you [task]");
    expect(words({ kind: "mentioned", commentId: "c1" })).toBe("Ada mentioned you in a comment on [task]");
    expect(words({ kind: "mentioned" })).toBe("Ada mentioned you in the description of [task]");
    expect(words({ kind: "commented" })).toBe("Ada commented on [task]");
    expect(words({ kind: "status_changed", details: { from: "TODO", to: "IN_PROGRESS" } })).toBe("Ada moved [task] from To do to In progress");
    expect(words({ actor: null })).toBe("Someone assigned you [task]");
  });
});

describe("InboxList", () => {
  it("links each item through /inbox/:id, marks the unread ones, and offers Mark read only for those", () => {
    renderPage(() => (
      <InboxList
        returnTo="/inbox?show=unread"
        items={[item({ id: "n2", task: { id: "t2", title: "Unread one" } }), item({ id: "n1", read: true, task: { id: "t1", title: "Read one" } })]}
      />
    ));
    const [unread, read] = screen.getAllByRole("listitem");
    expect(within(unread!).getByRole("link", { name: "Unread one" }).getAttribute("href")).toBe("/inbox/n2");
    expect(unread!.textContent).toMatch(/^Unread: Ada assigned you Unread one/);
    const button = within(unread!).getByRole("button", { name: "Mark read: Unread one" });
    expect(button.closest("form")!.getAttribute("action")).toBe("/inbox?show=unread");
    expect(within(read!).queryByRole("button")).toBeNull();
    expect(read!.textContent).not.toContain("Unread:");
  });
});

describe("mentionQueryAt: the mention being typed", () => {
  it("finds the text after an @ that starts a word, up to the caret", () => {
    expect(mentionQueryAt("hi @Gra", 7)).toEqual({ start: 3, query: "Gra" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("hi @Grace Ho", 12)).toEqual({ start: 3, query: "Grace Ho" });
  });

  it("is nothing inside an email address, after a line break, or without an @", () => {
    expect(mentionQueryAt("ada@exa", 7)).toBeNull();
    expect(mentionQueryAt("@Grace\nmore", 11)).toBeNull();
    expect(mentionQueryAt("no mention", 10)).toBeNull();
  });
});
