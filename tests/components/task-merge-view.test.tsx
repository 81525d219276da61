import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TaskForm, type TaskFormState } from "#app/components/task-form.tsx";
import type { FormState } from "#app/forms/state.ts";
import { renderPage, renderWithState } from "./helpers.tsx";

/** Issue 13, part 6: the edit form says what it showed, and a merge's conflict view compares only the overlapping fields. */
const people = [
  { id: "u1", name: "Ann" },
  { id: "u2", name: "Bo" },
];
const stored = { title: "Write the plan", description: "Line one\nLine two", status: "TODO", assignee: { id: "u1", name: "Ann" }, dueDate: null, version: 4 };
const editPage = (state: FormState | null) => <TaskForm task={stored} people={people} state={state} cancelTo="/tasks/t1" />;
const hidden = (name: string) => document.querySelector<HTMLInputElement>(`input[type="hidden"][name="${name}"]`);
const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

describe("the edit form's shown values", () => {
  it("carries the values it shows as JSON beside the version", () => {
    renderPage(editPage);
    expect(hidden("version")?.value).toBe("4");
    expect(JSON.parse(hidden("shown")!.value)).toEqual({ title: "Write the plan", description: "Line one\nLine two", status: "TODO", assigneeId: "u1", dueDate: null });
  });

  it("has none on the create form", () => {
    renderPage(() => <TaskForm people={people} cancelTo="/tasks" />);
    expect(hidden("shown")).toBeNull();
  });
});

describe("the conflict view after a merge", () => {
  const conflict: TaskFormState = {
    intent: "update",
    formError: "This task was changed by someone else since you opened it. They changed some of the same fields as you: compare them before you save again.",
    fieldErrors: {},
    // The typing, with the status only they changed put in by the server.
    values: { version: "4", title: "My title", description: "My words", status: "DONE", assigneeId: "u1", dueDate: "" },
    current: { title: "Their title", description: "Line one\nLine two", status: "DONE", assigneeId: "u1", assigneeName: "Ann", dueDate: null, version: 5 },
    conflicts: ["title"],
    keptTheirs: ["status"],
  };

  it("compares only the fields both changed, and says their other change is in the form", () => {
    renderWithState(editPage, conflict);
    const table = screen.getByRole("table", { name: "Stored now and your version, field by field" });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => cell.textContent));
    expect(rows).toEqual([["Titlediffers", "Their title", "My title"]]);
    const notice = screen.getByRole("region", { name: "Compare before you save again" });
    expect(notice.textContent).toContain("Someone else changed the title too, so nothing was saved yet.");
    expect(notice.textContent).toContain("keeps their change to the status, which the form now shows");
  });

  it("keeps the typing, shows their kept change, and is based on the version stored now", () => {
    renderWithState(editPage, conflict);
    expect(field("Title").value).toBe("My title");
    expect(field("Description (optional)").value).toBe("My words");
    expect((screen.getByLabelText("Status") as HTMLSelectElement).value).toBe("DONE");
    expect(hidden("version")?.value).toBe("5");
    expect(JSON.parse(hidden("shown")!.value)).toEqual({ title: "Their title", description: "Line one\nLine two", status: "DONE", assigneeId: "u1", dueDate: null });
    expect(screen.getByRole("button", { name: "Save my version" })).toBeTruthy();
  });
});
