import { describe, expect, it } from "vitest";
import { mergeTaskFields, normalised } from "#services/task-merge.ts";

const stored = { title: "Plan", description: "Line one\nLine two", status: "TODO", assigneeId: null, dueDate: null };
type Values = Record<keyof typeof stored, string | null>;
const now = (changes: Partial<Values>): Values => ({ ...stored, ...changes });

describe("mergeTaskFields: base (shown), mine (sent) and current (stored now)", () => {
  it("writes a field only I changed and keeps a field only they changed", () => {
    const result = mergeTaskFields(stored, { ...stored, title: "My plan" }, now({ status: "DONE" }));
    expect(result).toEqual({ changes: { title: "My plan" }, keptTheirs: ["status"], conflicts: [] });
  });

  it("is a conflict only where both changed the same field to different values", () => {
    const result = mergeTaskFields(stored, { ...stored, title: "Mine", dueDate: "2030-01-01" }, now({ title: "Theirs", status: "DONE" }));
    expect(result).toEqual({ changes: { dueDate: "2030-01-01" }, keptTheirs: ["status"], conflicts: ["title"] });
  });

  it("agrees silently when both made the same change", () => {
    const result = mergeTaskFields(stored, { ...stored, status: "DONE" }, now({ status: "DONE" }));
    expect(result).toEqual({ changes: {}, keptTheirs: [], conflicts: [] });
  });

  it("changes nothing when nobody changed anything", () => {
    expect(mergeTaskFields(stored, stored, stored)).toEqual({ changes: {}, keptTheirs: [], conflicts: [] });
  });

  it("compares titles trimmed, descriptions with any line endings, and an empty assignee or due date as none", () => {
    const mine = { ...stored, title: "  Plan ", description: "Line one\r\nLine two", assigneeId: "", dueDate: "" };
    expect(mergeTaskFields(stored, mine, now({ status: "IN_PROGRESS" }))).toEqual({ changes: {}, keptTheirs: ["status"], conflicts: [] });
    const theirs = now({ description: "Line one\r\nLine two" });
    expect(mergeTaskFields(stored, { ...stored, title: "New" }, theirs)).toEqual({ changes: { title: "New" }, keptTheirs: [], conflicts: [] });
  });

  it("treats clearing a field as a change: cleared by me against changed by them is a conflict", () => {
    const base = { ...stored, assigneeId: "u1", dueDate: "2030-01-01" };
    const result = mergeTaskFields(base, { ...base, assigneeId: null, dueDate: null }, { ...base, assigneeId: "u2", dueDate: "2030-01-01" });
    expect(result).toEqual({ changes: { dueDate: null }, keptTheirs: [], conflicts: ["assigneeId"] });
  });

  it("merges a partial change (the API's PATCH): fields not sent keep whatever is stored", () => {
    const result = mergeTaskFields(stored, { title: "Mine" }, now({ status: "DONE", description: "Theirs" }));
    expect(result).toEqual({ changes: { title: "Mine" }, keptTheirs: ["description", "status"], conflicts: [] });
  });

  it("never overwrites blindly: a field sent without its base is a conflict unless it already holds that value", () => {
    expect(mergeTaskFields({}, { title: "Mine" }, now({ title: "Theirs" })).conflicts).toEqual(["title"]);
    expect(mergeTaskFields({}, { title: "Theirs" }, now({ title: "Theirs" }))).toEqual({ changes: {}, keptTheirs: [], conflicts: [] });
  });

  it("reports several conflicts and keeps nothing of mine while there are any (the caller writes nothing)", () => {
    const result = mergeTaskFields(stored, { ...stored, title: "A", status: "DONE" }, now({ title: "B", status: "IN_PROGRESS" }));
    expect(result.conflicts).toEqual(["title", "status"]);
  });
});

describe("normalised", () => {
  it("is the stored form of each field's value", () => {
    expect(normalised("title", "  x  ")).toBe("x");
    expect(normalised("description", "a\r\nb\rc")).toBe("a\nb\nc");
    expect(normalised("description", "  kept  ")).toBe("  kept  ");
    expect(normalised("assigneeId", "")).toBeNull();
    expect(normalised("dueDate", undefined)).toBeNull();
    expect(normalised("status", "DONE")).toBe("DONE");
  });
});
