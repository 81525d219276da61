import type { Actor } from "./actor.ts";
import { ForbiddenError } from "./errors.ts";

/**
 * Who may do what: the README's permission table, in one place. The services check it before
 * they act (`requirePermission`); the pages ask the same question (`can`) only to decide which
 * controls to show, so a page never holds a rule of its own.
 */
type TaskPeople = { creatorId: string; assigneeId: string | null };
type CommentAuthor = { authorId: string };

type Rules = {
  "task.edit": TaskPeople;
  "task.delete": TaskPeople;
  "task.take": TaskPeople;
  "task.release": TaskPeople;
  "comment.edit": CommentAuthor;
  "comment.delete": CommentAuthor;
  "user.create": undefined;
  "user.manage": undefined;
  "user.setPassword": undefined;
  "token.seeEveryone": undefined;
  "token.revokeAnyone": undefined;
};

export type Permission = keyof Rules;

const isAdmin = (actor: Actor) => actor.role === "ADMIN";

const RULES: { [P in Permission]: (actor: Actor, subject: Rules[P]) => boolean } = {
  // Admins, the creator and the assignee edit; admins and the creator delete.
  "task.edit": (actor, task) => isAdmin(actor) || task.creatorId === actor.id || task.assigneeId === actor.id,
  "task.delete": (actor, task) => isAdmin(actor) || task.creatorId === actor.id,
  // Anyone signed in comments; only the author edits, the author or an admin deletes.
  "comment.edit": (actor, comment) => comment.authorId === actor.id,
  "comment.delete": (actor, comment) => isAdmin(actor) || comment.authorId === actor.id,
  // Anyone takes an unassigned task; only the assignee gives it back (issue 13, "take a task").
  "task.take": (_actor, task) => task.assigneeId === null,
  "task.release": (actor, task) => task.assigneeId === actor.id,
  "user.create": isAdmin,
  "user.manage": isAdmin,
  "user.setPassword": isAdmin,
  "token.seeEveryone": isAdmin,
  "token.revokeAnyone": isAdmin,
};

const REFUSALS: { [P in Permission]: string } = {
  "task.edit": "Only the task's creator, its assignee or an admin can change it.",
  "task.delete": "Only the task's creator or an admin can delete it.",
  "comment.edit": "Only the comment's author can change it.",
  "comment.delete": "Only the comment's author or an admin can delete it.",
  "task.take": "Only an unassigned task can be taken.",
  "task.release": "Only the task's assignee can unassign themselves; its creator or an admin can change the assignee.",
  "user.create": "Only admins can add people.",
  "user.manage": "Only admins can change people's names, roles or access.",
  "user.setPassword": "Only admins can set other people's passwords.",
  "token.seeEveryone": "Only admins can see everyone's tokens.",
  "token.revokeAnyone": "Only admins can revoke other people's tokens.",
};

type Args<P extends Permission> = Rules[P] extends undefined ? [] : [subject: Rules[P]];

export function can<P extends Permission>(actor: Actor, permission: P, ...[subject]: Args<P>): boolean {
  return RULES[permission](actor, subject as Rules[P]);
}

/** Throws the refusal (403) the doors show when `can` says no. */
export function requirePermission<P extends Permission>(actor: Actor, permission: P, ...subject: Args<P>): void {
  if (!can(actor, permission, ...subject)) throw new ForbiddenError(REFUSALS[permission]);
}
