import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ActivityList } from "#app/components/activity-list.tsx";
import { TaskTakeSection } from "#app/components/task-details.tsx";
import { TakeTaskButton } from "#app/components/task-take.tsx";
import { formState, renderPage, renderWithState } from "./helpers.tsx";

const task = {
  id: "t1",
  title: "Plan",
  description: "",
  status: "TODO",
  assignee: null,
  creator: { name: "Cora" },
  dueDate: null,
  overdue: false,
  version: 3,
  completedAt: null,
  createdAt: "2031-03-01T09:00:00.000Z",
  updatedAt: "2031-03-01T09:00:00.000Z",
};

describe("ActivityList: sentences with links", () => {
  it("links people to their page and a task to its page while it exists; a deleted task is only named", () => {
    renderPage(() => (
      <ActivityList
        entries={[
          {
            id: "a2",
            createdAt: "2031-03-02T10:00:00.000Z",
            sentence: [
              { type: "person", id: "u1", name: "Ada" },
              { type: "text", text: " deleted " },
              { type: "task", id: "gone", name: "Old plan", exists: false },
            ],
          },
          {
            id: "a1",
            createdAt: "2031-03-01T09:00:00.000Z",
            sentence: [
              { type: "person", id: "u1", name: "Ada" },
              { type: "text", text: " assigned " },
              { type: "person", id: "u2", name: "Grace" },
              { type: "text", text: " to " },
              { type: "task", id: "t1", name: "Plan", exists: true },
            ],
          },
        ]}
      />
    ));
    const items = screen.getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual(["Ada deleted Old plan 2031-03-02 10:00 UTC", "Ada assigned Grace to Plan 2031-03-01 09:00 UTC"]);
    expect(within(items[0]!).getAllByRole("link").map((link) => [link.textContent, link.getAttribute("href")])).toEqual([["Ada", "/users/u1"]]);
    expect(within(items[1]!).getAllByRole("link").map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["Ada", "/users/u1"],
      ["Grace", "/users/u2"],
      ["Plan", "/tasks/t1"],
    ]);
  });

  it("says so when nothing has happened", () => {
    renderPage(() => <ActivityList entries={[]} />);
    expect(screen.getByText("Nothing has happened yet.")).toBeTruthy();
  });
});

describe("taking a task: one click", () => {
  it("is a post form with intent take, the task's id and the version shown", () => {
    renderPage(() => <TakeTaskButton task={task} mode="take" allowed />);
    const button = screen.getByRole("button", { name: "Take it (assign yourself “Plan”)" });
    const form = button.closest("form")!;
    expect(form.getAttribute("method")).toBe("post");
    expect(Object.fromEntries(new FormData(form) as unknown as Iterable<[string, string]>)).toEqual({ intent: "take", taskId: "t1", version: "3" });
  });

  it("shows only the button the viewer may use, with a line saying where the task stands", () => {
    renderPage(() => <TaskTakeSection task={task} canTake={false} canRelease />);
    expect(screen.queryByRole("button", { name: /^Take it/ })).toBeNull();
    expect(screen.getByRole("button", { name: /^Unassign me/ })).toBeTruthy();
    expect(screen.getByText("You are assigned to this task.")).toBeTruthy();
  });

  it("shows nothing to a viewer who may do neither", () => {
    renderPage(() => <TaskTakeSection task={task} canTake={false} canRelease={false} />);
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("says why a take was refused, also once the button is gone (someone else has it now)", () => {
    renderWithState(
      (state) => <TaskTakeSection task={task} canTake={false} canRelease={false} state={state} />,
      formState({ intent: "take", values: { taskId: "t1" }, formError: "This task is already assigned to Grace; only an unassigned task can be taken." }),
    );
    expect(screen.getByRole("alert").textContent).toBe("This task is already assigned to Grace; only an unassigned task can be taken.");
    expect(screen.queryByRole("button")).toBeNull();
  });
});
