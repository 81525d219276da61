import { z } from "zod";
import { createTaskSchema, taskBaseSchema, taskStatusSchema, updateTaskSchema, type PublicTask } from "#services/tasks.ts";
import { describe, EXAMPLE_ID, param, type OnTheWire, type Same } from "./openapi-kit.server.ts";

/**
 * Tasks on the wire, for the routes that describe their operations: the task service's input
 * schemas described, the response shapes (checked against PublicTask and ActivityEntry at compile
 * time), the id parameter and example tasks.
 */

export const EXAMPLE_TASK_ID = "k3v9q2w7e5r1t8y4u6i0o2pa";
export const ADA = { id: EXAMPLE_ID, name: "Ada Lovelace" };
export const GRACE = { id: "h8k2m4n6p8q0r2s4t6v8w0x2", name: "Grace Hopper" };

describe(createTaskSchema.shape.title, { description: "What needs doing: 1 to 200 characters after trimming.", examples: ["Fix the login redirect"] });
describe(createTaskSchema.shape.description.unwrap(), { description: "More about it, up to 10,000 characters. Empty when left out on create." });
describe(updateTaskSchema.shape.status, { description: "TODO, IN_PROGRESS or DONE. Becoming DONE sets completedAt; leaving DONE clears it." });
describe(createTaskSchema.shape.status, { description: "TODO, IN_PROGRESS or DONE; TODO when left out." });
describe(createTaskSchema.shape.assigneeId.unwrap(), {
  description: "The id of the active person who works on it, or null for nobody.",
  examples: [EXAMPLE_ID],
});
describe(createTaskSchema.shape.dueDate.unwrap(), {
  description: "The calendar day it is due (YYYY-MM-DD), or null for none. Past it and not done, a task is overdue.",
  examples: ["2026-03-01"],
});
describe(createTaskSchema, {
  id: "CreateTaskRequest",
  description: "A new task; its creator is the token's owner. Fields other than these (id, creatorId, version, completedAt, ...) are ignored.",
});
describe(taskBaseSchema, {
  id: "TaskBase",
  description:
    "The values you started from: each field as the version named in If-Match had it (null for no assignee or due date). With If-Match naming an older version, the change is merged into the version stored now: a field only you changed takes yours, a field only someone else changed keeps theirs, and a field both changed to different values is a 409 edit-conflict. Every field you change must be here; fields you do not change may be too (then a change of theirs is reported in Kept-Theirs).",
});

/** PATCH /api/tasks/{id}'s body: the service's changes, and the optional base to merge from. */
export const updateTaskRequestSchema = updateTaskSchema
  .extend({ base: taskBaseSchema.optional() })
  .meta({
    id: "UpdateTaskRequest",
    description:
      "The changes: only the fields sent change; null clears assigneeId or dueDate. With If-Match, base (optional) asks for a merge instead of 412 when the task changed since. Fields other than these are ignored.",
  });

export const personRefSchema = z
  .object({
    id: z.string().meta({ description: "The person's id.", examples: [EXAMPLE_ID] }),
    name: z.string().meta({ description: "The name Tandem shows.", examples: ["Ada Lovelace"] }),
  })
  .meta({ id: "PersonRef", description: "A person on the team, by id and name. GET /api/users/{id} has the rest." });

export const mentionSchema = z
  .object({
    id: z.string().meta({ description: "The person's id." }),
    name: z.string().meta({ description: "Their name when the text was written: what pages show for the mention." }),
    handle: z.string().meta({ description: "What was typed after the @ (their name or email), as it appears in the text." }),
  })
  .meta({
    id: "Mention",
    description:
      "An active team member named in Markdown text as @name or @email, recognised by the server when the text is written. Pages show it as a link to the person.",
  });

export const taskSchema = z
  .object({
    id: z.string().meta({ description: "The task's id: opaque and stable.", examples: [EXAMPLE_TASK_ID] }),
    title: z.string().meta({ description: "What needs doing.", examples: ["Fix the login redirect"] }),
    description: z.string().meta({ description: "More about it; empty when there is nothing more." }),
    status: taskStatusSchema.meta({ description: "TODO, IN_PROGRESS or DONE." }),
    assignee: personRefSchema.nullable().meta({ description: "Who works on it; null for nobody." }),
    creator: personRefSchema,
    mentions: z.array(mentionSchema).meta({ description: "The people the description mentions, in the order first mentioned." }),
    dueDate: z.iso.date().nullable().meta({ description: "The calendar day it is due (YYYY-MM-DD), or null for none." }),
    overdue: z.boolean().meta({ description: "true when the due date is past (in UTC) and the task is not done." }),
    version: z.int().min(1).meta({ description: "Bumped on every change. The ETag header carries it; If-Match sends it back.", examples: [1] }),
    completedAt: z.iso.datetime().nullable().meta({ description: "When it last became DONE (UTC); null while it is not done." }),
    createdAt: z.iso.datetime().meta({ description: "When it was created (UTC). Lists are ordered by it, newest first." }),
    updatedAt: z.iso.datetime().meta({ description: "When it last changed (UTC)." }),
  })
  .meta({ id: "Task", description: "A task." });

// What the API sends must be what the schema says: a field added to PublicTask fails to compile here.
const taskSchemaMatchesService: Same<z.output<typeof taskSchema>, OnTheWire<PublicTask>> = true;
void taskSchemaMatchesService;

export const taskId = param("path", z.string().min(1), { id: "TaskId", name: "id", description: "The task's id.", example: EXAMPLE_TASK_ID });

export const loginTask = {
  id: EXAMPLE_TASK_ID,
  title: "Fix the login redirect",
  description: "After signing in, people land on the home page instead of where they were going.",
  status: "IN_PROGRESS",
  assignee: ADA,
  creator: GRACE,
  mentions: [],
  dueDate: "2026-03-01",
  overdue: false,
  version: 2,
  completedAt: null,
  createdAt: "2026-02-10T08:15:00.000Z",
  updatedAt: "2026-02-11T16:40:00.000Z",
};
