import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TaskBoard, type BoardColumnView } from "#app/components/task-board.tsx";
import { formState, renderPage } from "./helpers.tsx";

const card = (id: string, title: string, status: BoardColumnView["status"], extra: Partial<BoardColumnView["cards"][number]> = {}) => ({
  id,
  title,
  status,
  version: 2,
  assignee: null,
  dueDate: null,
  overdue: false,
  canMove: true,
  ...extra,
});

const columns: BoardColumnView[] = [
  {
    status: "TODO",
    total: 3,
    cards: [
      card("t1", "Plan", "TODO", { assignee: { id: "u1", name: "Ada" }, dueDate: "2020-01-01", overdue: true }),
      card("t2", "Not mine", "TODO", { canMove: false }),
    ],
  },
  { status: "IN_PROGRESS", total: 0, cards: [] },
  { status: "DONE", total: 1, cards: [card("t3", "Shipped", "DONE")] },
];

const region = (name: RegExp) => screen.getByRole("region", { name });
const titlesIn = (name: RegExp) => within(region(name)).queryAllByRole("listitem").map((item) => within(item).getByRole("link").textContent);

/**
 * What the board renders. Moving cards (at once, put back after a refusal, the focus following) is
 * tested in the browser (tests/e2e/board.spec.ts): a moving card remounts in another column and keeps
 * its fetcher only under the app's v3_fetcherPersist, which Remix's test stub does not pass to its router.
 */
describe("TaskBoard", () => {
  it("shows a column per status: its count of every match, its cards as list items, a link to the rest in the list", () => {
    renderPage(() => <TaskBoard columns={columns} filters={{ assignee: "me", q: "" }} />);
    expect(screen.getAllByRole("heading", { level: 2 }).map((heading) => heading.textContent)).toEqual(["To do 3 tasks", "In progress 0 tasks", "Done 1 task"]);
    expect(titlesIn(/^To do/)).toEqual(["Plan", "Not mine"]);
    const plan = within(region(/^To do/)).getAllByRole("listitem")[0]!;
    expect(plan.textContent).toContain("Ada");
    expect(plan.textContent).toContain("2020-01-01 Overdue");
    expect(within(plan).getByRole("link", { name: "Plan" }).getAttribute("href")).toBe("/tasks/t1");
    expect(within(plan).getAllByRole("button").map((button) => button.textContent)).toEqual(["Move to In progress for “Plan”", "Move to Done for “Plan”"]);
    // A card the viewer may not change has no move forms.
    expect(within(within(region(/^To do/)).getAllByRole("listitem")[1]!).queryAllByRole("button")).toEqual([]);
    const more = screen.getByRole("link", { name: "1 more in the list" });
    expect(more.getAttribute("href")).toBe("/tasks?assignee=me&status=TODO");
    expect(within(region(/^Done/)).queryByRole("link", { name: /more in the list/ })).toBeNull();
  });

  it("says why a move was refused without JavaScript (the page's action data), naming the card", () => {
    const refusal = formState({ intent: "status", formError: "Only the task's creator, its assignee or an admin can change it.", values: { taskId: "t1" } });
    renderPage(() => <TaskBoard columns={columns} filters={{}} refusal={refusal} />);
    expect(screen.getByRole("alert").textContent).toBe("“Plan” was not moved: Only the task's creator, its assignee or an admin can change it.");
  });
});
