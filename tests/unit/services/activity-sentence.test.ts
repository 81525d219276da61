import { describe, expect, it } from "vitest";
import { describeActivity, sentenceText, type DescribedEntry } from "#services/activity-sentence.ts";

const ada = { id: "ada", name: "Ada" };
const grace = { id: "grace", name: "Grace" };
const entry = (action: string, details: Record<string, unknown> = {}, extra: Partial<DescribedEntry> = {}): DescribedEntry => ({
  action,
  subjectType: "task",
  subjectId: "t1",
  subjectName: "y",
  subjectExists: true,
  details,
  actor: ada,
  ...extra,
});
const onPage = (value: DescribedEntry) => sentenceText(describeActivity(value, { here: "t1" }));
const elsewhere = (value: DescribedEntry) => sentenceText(describeActivity(value));

describe("describeActivity: one sentence for the task page and the dashboard", () => {
  it.each([
    [entry("task.created"), "Ada created this task", "Ada created y"],
    [entry("task.status_changed", { status: { from: "TODO", to: "IN_PROGRESS" } }), "Ada moved this from To do to In progress", "Ada moved y from To do to In progress"],
    [entry("task.updated", { title: { from: "x", to: "y" } }), "Ada renamed this from “x” to “y”", "Ada renamed “x” to y"],
    [entry("task.updated", { assigneeId: { from: null, to: "grace" }, assignee: { from: null, to: grace } }), "Ada assigned Grace", "Ada assigned Grace to y"],
    [entry("task.updated", { assigneeId: { from: "grace", to: null }, assignee: { from: grace, to: null } }), "Ada unassigned Grace", "Ada unassigned Grace from y"],
    [entry("task.updated", { assignee: { from: null, to: ada } }), "Ada assigned themselves", "Ada assigned themselves to y"],
    [entry("task.updated", { assignee: { from: ada, to: null } }), "Ada unassigned themselves", "Ada unassigned themselves from y"],
    [entry("task.updated", { assignee: { from: grace, to: ada } }), "Ada reassigned this from Grace to themselves", "Ada reassigned y from Grace to themselves"],
    [entry("task.updated", { dueDate: { from: null, to: "2026-12-24" } }), "Ada set the due date to 2026-12-24", "Ada set the due date of y to 2026-12-24"],
    [entry("task.updated", { dueDate: { from: "2026-12-24", to: null } }), "Ada removed the due date", "Ada removed the due date of y"],
    [entry("task.updated", { description: { from: "…", to: "…" } }), "Ada edited the description", "Ada edited the description of y"],
    [
      entry("task.updated", { title: { from: "x", to: "y" }, status: { from: "TODO", to: "DONE" }, description: { from: "…", to: "…" } }),
      "Ada moved this from To do to Done, renamed it from “x” to “y” and edited the description",
      "Ada moved y from To do to Done, renamed it from “x” to “y” and edited the description",
    ],
    [entry("task.deleted", {}, { subjectExists: false }), "Ada deleted this task", "Ada deleted y"],
    // Written before names were recorded: ids only.
    [entry("task.updated", { assigneeId: { from: null, to: "grace" } }), "Ada changed the assignee", "Ada changed the assignee of y"],
    [entry("task.updated", { assigneeId: { from: "grace", to: null } }), "Ada removed the assignee", "Ada removed the assignee of y"],
    [entry("task.updated", {}), "Ada changed this task", "Ada changed y"],
    [entry("task.created", {}, { actor: null }), "Someone created this task", "Someone created y"],
  ])("%#: %s", (value, page, feed) => {
    expect(onPage(value)).toBe(page);
    expect(elsewhere(value)).toBe(feed);
  });

  it("gives people and the task as parts of their own, text merged between them", () => {
    expect(describeActivity(entry("task.updated", { assignee: { from: null, to: grace } }))).toEqual([
      { type: "person", id: "ada", name: "Ada" },
      { type: "text", text: " assigned " },
      { type: "person", id: "grace", name: "Grace" },
      { type: "text", text: " to " },
      { type: "task", id: "t1", name: "y", exists: true },
    ]);
  });

  it("says what an admin did to a person", () => {
    expect(elsewhere(entry("user.created", {}, { subjectType: "user", subjectId: "grace", subjectName: "Grace" }))).toBe("Ada added Grace");
    expect(elsewhere(entry("user.something_new", {}, { subjectType: "user", subjectId: "grace", subjectName: "Grace" }))).toBe(
      "Ada user.something_new Grace",
    );
  });
});
