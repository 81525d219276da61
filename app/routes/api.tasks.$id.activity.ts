import { z } from "zod";
import type { ActivityEntry } from "#services/activity.ts";
import { NotFoundError } from "#services/errors.ts";
import { listTaskActivity } from "#services/tasks.ts";
import { READ_SCOPE, type OnTheWire, type Same } from "#app/api/openapi-kit.server.ts";
import { ADA, EXAMPLE_TASK_ID, GRACE, personRefSchema, taskId } from "#app/api/openapi-tasks.server.ts";
import { json } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

const changeSchema = z
  .object({
    from: z.string().nullable().meta({ description: "The value before (… for a description)." }),
    to: z.string().nullable().meta({ description: "The value after (… for a description)." }),
  })
  .meta({ id: "TaskChange", description: "One field's change. Descriptions are not repeated: both sides read …." });

const assigneeChangeSchema = z
  .object({
    from: personRefSchema.nullable().meta({ description: "Who was assigned before; null for nobody." }),
    to: personRefSchema.nullable().meta({ description: "Who is assigned after; null for nobody." }),
  })
  .meta({
    id: "TaskAssigneeChange",
    description: "An assignee change with the people's names at the time. Entries written before names were recorded have only assigneeId.",
  });

const sentencePartSchema = z
  .discriminatedUnion("type", [
    z.object({ type: z.literal("text"), text: z.string().meta({ description: "Words, spaces included." }) }),
    z.object({
      type: z.literal("person"),
      id: z.string().meta({ description: "The person's id (GET /api/users/{id})." }),
      name: z.string().meta({ description: "The person's name." }),
    }),
    z.object({
      type: z.literal("task"),
      id: z.string().meta({ description: "The task's id." }),
      name: z.string().meta({ description: "The task's title at the time." }),
      exists: z.boolean().meta({ description: "false once the task was deleted." }),
    }),
  ])
  .meta({ id: "SentencePart", description: "A piece of an activity sentence: words, a person or the task." });

const taskActivitySchema = z
  .object({
    id: z.string().meta({ description: "The entry's id." }),
    action: z.enum(["task.created", "task.updated", "task.status_changed", "task.deleted"]).meta({
      description: "What was done. task.status_changed is an update that changed only the status.",
    }),
    subjectType: z.literal("task").meta({ description: "Always task here." }),
    subjectId: z.string().meta({ description: "The task's id.", examples: [EXAMPLE_TASK_ID] }),
    subjectName: z.string().meta({ description: "The task's title at the time: kept after the task is deleted." }),
    details: z
      .object({
        title: changeSchema.optional(),
        description: changeSchema.optional(),
        status: changeSchema.optional(),
        assigneeId: changeSchema.optional(),
        dueDate: changeSchema.optional(),
        assignee: assigneeChangeSchema.optional(),
      })
      .meta({ description: "For an update, each field that changed; empty otherwise." }),
    createdAt: z.iso.datetime().meta({ description: "When it was done (UTC)." }),
    actor: personRefSchema.nullable().meta({ description: "Who did it." }),
    subjectExists: z.boolean().meta({ description: "false once the task was deleted." }),
    sentence: z.array(sentencePartSchema).meta({
      description:
        "What was done as a sentence, in parts, as the web pages show it: join the parts' text and names to read it (“Ada Lovelace moved Fix the login redirect from To do to In progress”). People and the task come as parts of their own, so a client can link them.",
    }),
  })
  .meta({ id: "TaskActivity", description: "One thing done to a task, through the web pages or the API alike." });

const taskActivityListSchema = z
  .object({
    data: z.array(taskActivitySchema).meta({ description: "What was done to the task, newest first: at most the 100 newest entries." }),
    nextCursor: z.string().nullable().meta({ description: "null: for now the entries come as one page." }),
  })
  .meta({ id: "TaskActivityList", description: "A task's activity." });

// Activity entries are typed loosely by the service (any action, any details), so their schema
// need only be as narrow, with the same fields: a field added to ActivityEntry fails to compile here.
type Activity = z.output<typeof taskActivitySchema>;
const activitySchemaFitsService: [Activity] extends [OnTheWire<ActivityEntry>] ? Same<keyof Activity, keyof ActivityEntry> : false = true;
void activitySchemaFitsService;

const subject = { subjectType: "task", subjectId: EXAMPLE_TASK_ID, subjectName: "Fix the login redirect" };
const subjectPart = { type: "task", id: EXAMPLE_TASK_ID, name: subject.subjectName, exists: true } as const;
const taken = {
  id: "z9x8c7v6b5n4m3l2k1j0h9g8",
  action: "task.updated",
  ...subject,
  details: { assigneeId: { from: null, to: ADA.id }, assignee: { from: null, to: ADA } },
  subjectExists: true,
  sentence: [{ type: "person", ...ADA }, { type: "text", text: " assigned themselves to " }, subjectPart],
};
const started = {
  id: "p1o2i3u4y5t6r7e8w9q0a1s2",
  action: "task.status_changed",
  ...subject,
  details: { status: { from: "TODO", to: "IN_PROGRESS" } },
  subjectExists: true,
  sentence: [{ type: "person", ...ADA }, { type: "text", text: " moved " }, subjectPart, { type: "text", text: " from To do to In progress" }],
};
const created = {
  id: "d3f4g5h6j7k8l9z0x1c2v3b4",
  action: "task.created",
  ...subject,
  details: {},
  subjectExists: true,
  sentence: [{ type: "person", ...GRACE }, { type: "text", text: " created " }, subjectPart],
};

/**
 * GET /api/tasks/:id/activity: what was done to the task, newest first, in the list envelope
 * (one page: nextCursor is always null for now). 404 as the service says (listTaskActivity).
 */
const api = apiRoute(
  { path: "/api/tasks/{id}/activity", tag: "Tasks", params: [taskId] },
  {
    GET: {
      operationId: "listTaskActivity",
      summary: "List a task's activity",
      description: `What was done to the task and by whom, newest first: the 100 newest entries, through the web pages and the API alike. A deleted task's activity stays readable, ending with task.deleted. Each entry carries its sentence in parts (the words the web pages show, with the people and the task as parts of their own) and, for an assignee change, the people's names in details.assignee; entries written before names were recorded keep only details.assigneeId and read "changed the assignee". ${READ_SCOPE} 404 only for an id that is no task and never was one.`,
      responses: {
        200: {
          description: "The task's activity.",
          schema: taskActivityListSchema,
          examples: {
            activity: [
              "Created, taken, then started",
              {
                data: [
                  { ...started, createdAt: "2026-02-11T16:40:00.000Z", actor: ADA },
                  { ...taken, createdAt: "2026-02-11T09:05:00.000Z", actor: ADA },
                  { ...created, createdAt: "2026-02-10T08:15:00.000Z", actor: GRACE },
                ],
                nextCursor: null,
              },
            ],
          },
        },
        404: {
          description: "Not Found: no task has this id, and none ever had.",
          examples: { notFound: ["An unknown id", new NotFoundError("That task")] },
        },
      },
      async handle({ params, auth }) {
        return json({ data: await listTaskActivity(auth.actor, params.id!), nextCursor: null });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
