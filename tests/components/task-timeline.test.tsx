import { useLoaderData } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { TaskTimeline, timelineOf, type TimelineComment } from "#app/components/task-timeline.tsx";
import { deferred, formState } from "./helpers.tsx";

const mine: TimelineComment = {
  id: "c1",
  author: { id: "u1", name: "Ann" },
  body: "Looks *good*",
  html: "<p>Looks <em>good</em></p>\n",
  version: 3,
  createdAt: "2026-02-10T10:00:00.000Z",
  editedAt: "2026-02-10T11:00:00.000Z",
  canEdit: true,
  canDelete: true,
};
const theirs: TimelineComment = { ...mine, id: "c2", author: { id: "u2", name: "Bo" }, body: "Hi", html: "<p>Hi</p>\n", editedAt: null, canEdit: false, canDelete: false, createdAt: "2026-02-10T12:00:00.000Z" };
const created = { id: "a1", sentence: [{ type: "text" as const, text: "Bo created this" }], createdAt: "2026-02-10T09:00:00.000Z" };
const changed = { id: "a2", sentence: [{ type: "text" as const, text: "Ann changed this" }], createdAt: "2026-02-10T10:30:00.000Z" };

type Store = { comments: TimelineComment[]; query: string };

/** The timeline on a stub of the task page whose loader and action the test controls. */
function renderTimeline(action: (sent: FormData) => Promise<unknown>, store: Store = { comments: [mine], query: "" }) {
  function Page() {
    const { comments, edit, remove } = useLoaderData() as { comments: TimelineComment[]; edit: string | null; remove: string | null };
    return <TaskTimeline taskId="t1" activity={[created, changed]} comments={comments} editing={edit} confirmingDelete={remove} />;
  }
  const Stub = createRemixStub([
    {
      path: "/tasks/:id",
      Component: Page,
      loader: ({ request }) => {
        const search = new URL(request.url).searchParams;
        return { comments: store.comments, edit: search.get("edit"), remove: search.get("delete-comment") };
      },
      action: async ({ request }) => action(await request.formData()),
    },
  ]);
  render(<Stub initialEntries={[`/tasks/t1${store.query}`]} future={{ v3_singleFetch: true }} />);
  return { user: userEvent.setup(), store };
}

const box = () => screen.getByLabelText("Add a comment") as HTMLTextAreaElement;

describe("the task timeline", () => {
  it("puts comments among the activity by time, newest first", () => {
    const items = timelineOf([created, changed], [mine, theirs]);
    expect(items.map((item) => (item.kind === "activity" ? item.entries.map((e) => e.id) : item.comments.map((c) => c.id)))).toEqual([["c2"], ["a2"], ["c1"], ["a1"]]);
  });

  it("shows a comment's rendered Markdown, its author, its time and that it was edited; Edit and Delete for one's own", async () => {
    renderTimeline(async () => null, { comments: [theirs, mine], query: "" });
    const comment = (await screen.findByText("good")).closest("article")!;
    expect(comment.querySelector(".comment__body")!.innerHTML).toBe("<p>Looks <em>good</em></p>\n");
    expect(comment.textContent).toContain("Ann commented 2026-02-10 10:00 UTC (edited 2026-02-10 11:00 UTC)");
    expect(screen.getByRole("link", { name: /^Edit/ }).getAttribute("href")).toBe("/tasks/t1?edit=c1#comment-c1");
    expect(screen.getByRole("link", { name: /^Delete…/ }).getAttribute("href")).toBe("/tasks/t1?delete-comment=c1#delete-comment-confirm");
    expect(screen.getAllByRole("link", { name: /^Edit|^Delete/ })).toHaveLength(2);
  });

  it("opens the edit form with the Markdown as written, and the delete confirmation, from the URL", async () => {
    renderTimeline(async () => null, { comments: [mine], query: "?edit=c1" });
    const field = (await screen.findByLabelText("Your comment")) as HTMLTextAreaElement;
    expect(field.value).toBe("Looks *good*");
    expect(Object.fromEntries(new FormData(field.form!))).toEqual({ intent: "edit-comment", commentId: "c1", version: "3", body: "Looks *good*" });
    // The page's one body field while editing: field ids are by name.
    expect(screen.queryByLabelText("Add a comment")).toBeNull();
    expect(document.querySelectorAll("#field-body")).toHaveLength(1);
  });

  it("asks before deleting, sending the comment's id and version", async () => {
    renderTimeline(async () => null, { comments: [mine], query: "?delete-comment=c1" });
    const yes = await screen.findByRole("button", { name: "Yes, delete this comment" });
    expect(Object.fromEntries(new FormData(yes.closest("form")!))).toEqual({ intent: "delete-comment", commentId: "c1", version: "3" });
  });

  it("shows a new comment at once while it is sent, then clears the box when it is saved", async () => {
    const answer = deferred<unknown>();
    const { user, store } = renderTimeline(async (sent) => {
      await answer.promise;
      store.comments = [{ ...theirs, id: "c3", body: String(sent.get("body")), html: "<p>New one</p>\n", author: { id: "u1", name: "Ann" } }, ...store.comments];
      return null;
    });
    await user.type(await screen.findByLabelText("Add a comment"), "New one");
    await user.click(screen.getByRole("button", { name: "Post comment" }));
    await waitFor(() => expect(document.querySelector(".comment--sending")?.textContent).toContain("New one"));
    answer.resolve(null);
    await waitFor(() => expect(document.querySelector(".comment--sending")).toBeNull());
    await waitFor(() => expect(box().value).toBe(""));
    expect(screen.getByText("New one").closest(".comment__body")).not.toBeNull();
  });

  it("keeps the text and says why when the comment is refused", async () => {
    const { user } = renderTimeline(async () => formState({ intent: "comment", fieldErrors: { body: "Comments are at most 10,000 characters." }, values: { body: "Too long" } }));
    await user.type(await screen.findByLabelText("Add a comment"), "Too long");
    await user.click(screen.getByRole("button", { name: "Post comment" }));
    await screen.findAllByText("Comments are at most 10,000 characters.");
    expect(box().value).toBe("Too long");
    expect(box().getAttribute("aria-invalid")).toBe("true");
    expect(document.querySelector(".comment--sending")).toBeNull();
  });
});
