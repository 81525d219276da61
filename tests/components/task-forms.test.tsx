import { useLoaderData } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TaskForm, type TaskFormState } from "#app/components/task-form.tsx";
import { StatusControl } from "#app/components/task-status.tsx";
import type { FormState } from "#app/forms/state.ts";
import { deferred, descriptionsOf, errorMessageOf, formState, renderPage, renderWithState, summaryLinks } from "./helpers.tsx";

const people = [
  { id: "u1", name: "Ann" },
  { id: "u2", name: "Bo" },
];
const stored = {
  title: "Write the plan",
  description: "First draft",
  status: "TODO",
  assignee: { id: "u1", name: "Ann" },
  dueDate: "2031-05-01",
  version: 4,
};

const createPage = (state: FormState | null) => <TaskForm people={people} state={state} cancelTo="/tasks" />;
const editPage = (state: FormState | null) => <TaskForm task={stored} people={people} state={state} cancelTo="/tasks/t1" />;

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const select = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;
const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;
const hiddenVersion = () => document.querySelector<HTMLInputElement>('input[type="hidden"][name="version"]');

describe("the task form", () => {
  it("labels every field, named as the API's JSON keys", () => {
    renderPage(createPage);
    expect([field("Title").name, field("Title").type, field("Title").required]).toEqual(["title", "text", true]);
    expect([field("Description (optional)").name, field("Description (optional)").tagName]).toEqual(["description", "TEXTAREA"]);
    expect(select("Status").name).toBe("status");
    expect(select("Status").value).toBe("TODO");
    expect(Array.from(select("Status").options).map((option) => [option.value, option.text])).toEqual([
      ["TODO", "To do"],
      ["IN_PROGRESS", "In progress"],
      ["DONE", "Done"],
    ]);
    expect(select("Assignee").name).toBe("assigneeId");
    expect(Array.from(select("Assignee").options).map((option) => option.text)).toEqual(["Nobody", "Ann", "Bo"]);
    expect([field("Due date (optional)").name, field("Due date (optional)").type]).toEqual(["dueDate", "date"]);
    expect(hiddenVersion()).toBeNull();
  });

  it("ties each error to its field and lists them in the summary", () => {
    renderWithState(
      createPage,
      formState({
        formError: "Please correct the highlighted fields.",
        fieldErrors: { title: "Give the task a title.", assigneeId: "Assign the task to an active person on the team." },
        values: { title: "", status: "DONE", assigneeId: "u2" },
      }),
    );
    expect(field("Title").getAttribute("aria-invalid")).toBe("true");
    expect(errorMessageOf(field("Title"))).toBe("Give the task a title.");
    expect(errorMessageOf(select("Assignee"))).toBe("Assign the task to an active person on the team.");
    expect(field("Due date (optional)").getAttribute("aria-invalid")).toBeNull();
    expect(descriptionsOf(field("Due date (optional)"))).toEqual([
      "A day, the same in every time zone. This field writes it your browser's way; Tandem's pages show it like 2031-12-31 (your date format, in Settings). Overdue from the day after, until it is done.",
    ]);
    expect(summaryLinks(screen.getByRole("alert"))).toEqual([
      ["Give the task a title.", "#field-title"],
      ["Assign the task to an active person on the team.", "#field-assigneeId"],
    ]);
  });

  it("puts back everything that was typed", () => {
    renderWithState(
      createPage,
      formState({
        fieldErrors: { dueDate: "Give the due date as YYYY-MM-DD." },
        values: { title: "Kept", description: "Line one\nLine two", status: "IN_PROGRESS", assigneeId: "u2", dueDate: "" },
      }),
    );
    expect(field("Title").value).toBe("Kept");
    expect(field("Description (optional)").value).toBe("Line one\nLine two");
    expect(select("Status").value).toBe("IN_PROGRESS");
    expect(select("Assignee").value).toBe("u2");
  });

  it("says it is creating while the task is sent, then moves focus to the first invalid field", async () => {
    const result = deferred<FormState | null>();
    const { user } = renderPage(createPage, () => result.promise);
    await user.click(button("Create task"));
    expect((await screen.findByRole("button", { name: "Creating…" })).hasAttribute("disabled")).toBe(true);
    result.resolve(formState({ fieldErrors: { title: "Give the task a title." }, values: { title: "" } }));
    expect((await screen.findByRole("button", { name: "Create task" })).hasAttribute("disabled")).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(field("Title")));
  });

  it("shows the stored values when editing, with the version it was loaded with", () => {
    renderPage(editPage);
    expect(field("Title").value).toBe("Write the plan");
    expect(field("Description (optional)").value).toBe("First draft");
    expect(select("Assignee").value).toBe("u1");
    expect(field("Due date (optional)").value).toBe("2031-05-01");
    expect(hiddenVersion()?.value).toBe("4");
    const sent = new FormData(field("Title").closest("form")!);
    expect([sent.get("intent"), sent.get("version")]).toEqual(["update", "4"]);
    expect(button("Save changes")).toBeTruthy();
  });

  it("keeps the version it was loaded with after a validation error, so nothing newer is overwritten unseen", () => {
    renderWithState(editPage, formState({ intent: "update", fieldErrors: { title: "Give the task a title." }, values: { title: "", version: "4" } }));
    expect(hiddenVersion()?.value).toBe("4");
  });

  it("keeps a deactivated assignee visible instead of silently offering Nobody", () => {
    renderPage(() => <TaskForm task={{ ...stored, assignee: { id: "gone", name: "Cy" } }} people={people} />);
    expect(select("Assignee").value).toBe("gone");
    expect(select("Assignee").selectedOptions[0]?.text).toBe("Cy (deactivated)");
  });
});

describe("the stale-edit conflict view", () => {
  const conflict: TaskFormState = {
    intent: "update",
    formError: "This task was changed by someone else since you opened it.",
    fieldErrors: {},
    values: { version: "4", title: "My title", description: "My words", status: "IN_PROGRESS", assigneeId: "u2", dueDate: "" },
    current: { title: "Their title", description: "First draft", status: "DONE", assigneeId: "u1", assigneeName: "Ann", dueDate: "2031-05-01", version: 5 },
  };

  it("says what happened, keeps the typed values in the fields and carries the current version", () => {
    renderWithState(editPage, conflict);
    expect(within(screen.getByRole("alert")).getByText("This task was changed by someone else since you opened it.")).toBeTruthy();
    expect(field("Title").value).toBe("My title");
    expect(field("Description (optional)").value).toBe("My words");
    expect(select("Status").value).toBe("IN_PROGRESS");
    expect(select("Assignee").value).toBe("u2");
    expect(field("Due date (optional)").value).toBe("");
    expect(hiddenVersion()?.value).toBe("5");
    expect(button("Save my version")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Discard my changes" }).getAttribute("href")).toBe("/tasks/t1");
  });

  it("shows the stored values beside the typed ones, field by field, marking the differences", () => {
    renderWithState(editPage, conflict);
    const table = screen.getByRole("table", { name: "Stored now and your version, field by field" });
    const rows = within(table)
      .getAllByRole("row")
      .slice(1)
      .map((row) => Array.from(row.querySelectorAll("th, td")).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ["Titlediffers", "Their title", "My title"],
      ["Descriptiondiffers", "First draft", "My words"],
      ["Statusdiffers", "Done", "In progress"],
      ["Assigneediffers", "Ann", "Bo"],
      ["Due datediffers", "2031-05-01", "(none)"],
    ]);
  });

  it("does not mark a field whose two values agree", () => {
    renderWithState(editPage, { ...conflict, values: { ...conflict.values, title: "Their title" } });
    const titleRow = screen.getByRole("rowheader", { name: "Title" }).closest("tr")!;
    expect(titleRow.textContent).toBe("TitleTheir titleTheir title");
  });
});

type Row = { id: string; title: string; status: "TODO" | "IN_PROGRESS" | "DONE"; version: number };

/**
 * One list row in a Remix stub whose loader gives the stored task and whose action the test
 * controls, as the fetcher meets them in the app.
 */
function renderStatusRow(action: (sent: FormData) => Promise<unknown>, initial: Row = { id: "t1", title: "Ship it", status: "TODO", version: 1 }) {
  const store = { task: initial };
  function Page() {
    const { task } = useLoaderData() as { task: Row };
    return <StatusControl task={task} />;
  }
  const Stub = createRemixStub([
    { path: "/", Component: Page, loader: () => ({ task: store.task }), action: async ({ request }) => action(await request.formData()) },
  ]);
  render(<Stub future={{ v3_singleFetch: true }} />);
  return { user: userEvent.setup(), store };
}

const statusNow = () => document.querySelector(".status-control__now")!.textContent;

describe("the status control", () => {
  it("is a plain post form sending intent, taskId, version and status", async () => {
    renderStatusRow(async () => null);
    const control = (await screen.findByLabelText("New status for “Ship it”")) as HTMLSelectElement;
    const form = control.closest("form")!;
    expect(form.method).toBe("post");
    expect(Object.fromEntries(new FormData(form))).toEqual({ intent: "status", taskId: "t1", version: "1", status: "TODO" });
  });

  it("shows the new status at once, then what the server stored", async () => {
    const answer = deferred<unknown>();
    const { user, store } = renderStatusRow(async (sent) => {
      await answer.promise;
      store.task = { ...store.task, status: sent.get("status") as Row["status"], version: 2 };
      return null;
    });
    // Choosing is the whole step with JavaScript: no button to press after it.
    await user.selectOptions(await screen.findByLabelText("New status for “Ship it”"), "DONE");
    expect(screen.queryByRole("button", { name: "Set status of “Ship it”" })).toBeNull();
    await waitFor(() => expect(statusNow()).toBe("Done (saving…)"));
    answer.resolve(null);
    await waitFor(() => expect(statusNow()).toBe("Done"));
    expect((screen.getByLabelText("New status for “Ship it”") as HTMLSelectElement).value).toBe("DONE");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("rolls back and says why when the server refuses", async () => {
    const answer = deferred<unknown>();
    const { user } = renderStatusRow(() => answer.promise);
    const control = (await screen.findByLabelText("New status for “Ship it”")) as HTMLSelectElement;
    await user.selectOptions(control, "IN_PROGRESS");
    await waitFor(() => expect(statusNow()).toBe("In progress (saving…)"));

    answer.resolve(
      formState({ intent: "status", formError: "This task was changed by someone else since you opened it.", values: { taskId: "t1" } }),
    );
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("The status was not changed: This task was changed by someone else since you opened it.");
    expect(statusNow()).toBe("To do");
    expect(control.value).toBe("TODO");
    expect(control.getAttribute("aria-invalid")).toBe("true");
    expect(descriptionsOf(control)).toEqual([alert.textContent]);
  });

  it("is one form with the select and its Set button in the server's HTML, for a browser without JavaScript", () => {
    const Stub = createRemixStub([{ path: "/", Component: () => <StatusControl task={{ id: "t1", title: "One", status: "TODO", version: 1 }} /> }]);
    const html = renderToString(<Stub future={{ v3_singleFetch: true }} />);
    const form = new DOMParser().parseFromString(html, "text/html").querySelector("form")!;
    expect(form.querySelector("select[name=status]")).not.toBeNull();
    expect(form.querySelector("button[type=submit]")?.textContent).toBe("Set status of “One”");
  });

  it("shows the refusal of a post sent without JavaScript in its own row only", () => {
    const refusal = formState({ intent: "status", formError: "Only the task's creator, its assignee or an admin can change it.", values: { taskId: "t2" } });
    renderPage(() => (
      <>
        <StatusControl task={{ id: "t1", title: "One", status: "TODO", version: 1 }} refusal={refusal} />
        <StatusControl task={{ id: "t2", title: "Two", status: "DONE", version: 3 }} refusal={refusal} />
      </>
    ));
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    expect(errorMessageOf(screen.getByLabelText("New status for “Two”"))).toBe(
      "The status was not changed: Only the task's creator, its assignee or an admin can change it.",
    );
    expect(screen.getByLabelText("New status for “One”").getAttribute("aria-invalid")).toBeNull();
  });
});
