import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { shortTitle } from "#app/components/short-title.ts";
import { Pager, TaskTable, type ListTask } from "#app/components/task-list.tsx";
import { renderPage } from "./helpers.tsx";

const task = (id: string, title: string): ListTask => ({
  id,
  title,
  status: "TODO",
  version: 1,
  assignee: null,
  dueDate: null,
  overdue: false,
  canEdit: false,
  canTake: false,
  canRelease: false,
});

describe("the task table", () => {
  it("confirms a task that left the filter in its row's place, with a way to it", () => {
    const moved = { id: "t2", title: "Two", status: "Done", reason: "filter" as const, index: 1 };
    renderPage(() => <TaskTable tasks={[task("t1", "One"), task("t3", "Three")]} moved={moved} sortLabel="Newest first" />);
    const rows = screen.getAllByRole("row").slice(1); // below the header
    expect(rows.map((row) => row.id)).toEqual(["task-t1", "task-t2", "task-t3"]);
    expect(rows[1]!.textContent).toBe("“Two” moved to Done — it no longer matches this filter. Open it");
    expect(within(rows[1]!).getByRole("link", { name: "Open it" }).getAttribute("href")).toBe("/tasks/t2");
    expect(document.querySelector("caption")!.textContent).toBe("Tasks, newest first");
  });

  it("says when the task went to another page instead, and shows the confirmation even when no row is left", () => {
    const moved = { id: "t2", title: "Two", status: "In progress", reason: "page" as const, index: 0 };
    renderPage(() => <TaskTable tasks={[]} moved={moved} sortLabel="Changed most recently" />);
    expect(screen.getByRole("status").textContent).toBe("“Two” moved to In progress — it is on another page of this list now. Open it");
  });
});

describe("the pager", () => {
  const links = () => screen.getAllByRole("link").map((link) => [link.textContent, link.getAttribute("href")]);

  it("says where the page is and links the pages around it, with the filters and the order", () => {
    renderPage(() => (
      <Pager
        filters={{ status: "TODO", sort: "due" }}
        position={{ from: 41, to: 60, total: 300 }}
        sortLabel="Due date, soonest first"
        nextCursor="n.1"
        prevCursor="p.1"
        hasPrev
      />
    ));
    expect(screen.getByRole("navigation", { name: "Pages" }).querySelector("p")!.textContent).toBe("41–60 of 300, due date, soonest first");
    expect(links()).toEqual([
      ["First page", "/tasks?status=TODO&sort=due"],
      ["Previous page", "/tasks?status=TODO&sort=due&cursor=p.1"],
      ["Next page", "/tasks?status=TODO&sort=due&cursor=n.1"],
    ]);
  });

  it("links the first page by its plain URL as the previous one, and offers no links on a single page", () => {
    const { unmount } = renderPage(() => (
      <Pager filters={{}} position={{ from: 21, to: 40, total: 1200 }} sortLabel="Newest first" nextCursor={null} prevCursor={null} hasPrev />
    ));
    expect(screen.getByText("21–40 of 1,200, newest first")).toBeTruthy();
    expect(links()).toEqual([["Previous page", "/tasks"]]);
    unmount();
    renderPage(() => <Pager filters={{}} position={{ from: 1, to: 3, total: 3 }} sortLabel="Newest first" nextCursor={null} prevCursor={null} hasPrev={false} />);
    expect(screen.queryAllByRole("link")).toEqual([]);
  });
});

describe("shortTitle", () => {
  it("keeps a title of up to 60 characters whole, and cuts a longer one at a space with an ellipsis", () => {
    expect(shortTitle("x".repeat(60))).toBe("x".repeat(60));
    expect(shortTitle(`${"word ".repeat(20)}end`)).toBe(`${"word ".repeat(11).trimEnd()}…`);
    expect(Array.from(shortTitle(`${"word ".repeat(20)}end`)).length).toBeLessThanOrEqual(60);
  });

  it("cuts one long word at 59 characters, and never an emoji in half", () => {
    expect(shortTitle("a".repeat(100))).toBe(`${"a".repeat(59)}…`);
    const emoji = shortTitle("🚀".repeat(70));
    expect(emoji).toBe(`${"🚀".repeat(59)}…`);
  });
});
