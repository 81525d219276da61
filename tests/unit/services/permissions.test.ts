import { describe, expect, it } from "vitest";
import type { Actor } from "#services/actor.ts";
import { ForbiddenError } from "#services/errors.ts";
import { can, requirePermission } from "#services/permissions.ts";

const admin: Actor = { id: "a", role: "ADMIN", name: "Ada", email: "ada@example.com" };
const creator: Actor = { id: "c", role: "MEMBER", name: "Cy", email: "cy@example.com" };
const assignee: Actor = { id: "s", role: "MEMBER", name: "Sam", email: "sam@example.com" };
const other: Actor = { id: "o", role: "MEMBER", name: "Oli", email: "oli@example.com" };
const task = { creatorId: creator.id, assigneeId: assignee.id };

describe("can: the README's permission table", () => {
  it.each([
    ["admin", admin, true, true],
    ["the creator", creator, true, true],
    ["the assignee", assignee, true, false],
    ["another member", other, false, false],
  ] as const)("tasks: %s may edit %s, delete %s", (_, actor, edit, remove) => {
    expect(can(actor, "task.edit", task)).toBe(edit);
    expect(can(actor, "task.delete", task)).toBe(remove);
  });

  it.each([
    ["admin", admin, true, false],
    ["the creator", creator, true, false],
    ["the assignee", assignee, true, true],
    ["another member", other, true, false],
  ] as const)("taking: %s may take an unassigned task %s, give back an assigned one %s", (_, actor, take, release) => {
    expect(can(actor, "task.take", { creatorId: creator.id, assigneeId: null })).toBe(take);
    // Nobody takes a task someone holds, not even its holder (it is theirs already) or an admin.
    expect(can(actor, "task.take", task)).toBe(false);
    expect(can(actor, "task.release", task)).toBe(release);
  });

  it.each([
    ["admin", admin, false, true],
    ["the author", creator, true, true],
    ["another member", other, false, false],
  ] as const)("comments: %s may edit %s, delete %s", (_, actor, edit, remove) => {
    const comment = { authorId: creator.id };
    expect(can(actor, "comment.edit", comment)).toBe(edit);
    expect(can(actor, "comment.delete", comment)).toBe(remove);
  });

  it("people and everyone's tokens are the admins' alone", () => {
    for (const permission of ["user.create", "user.manage", "user.setPassword", "token.seeEveryone", "token.revokeAnyone"] as const) {
      expect(can(admin, permission), permission).toBe(true);
      expect(can(creator, permission), permission).toBe(false);
    }
  });

  it("requirePermission refuses with the words the doors show (403)", () => {
    expect(() => requirePermission(other, "task.delete", task)).toThrow(new ForbiddenError("Only the task's creator or an admin can delete it."));
    expect(() => requirePermission(admin, "user.create")).not.toThrow();
  });
});
