import { z } from "zod";
import type { ActivityEntry } from "../../services/activity.ts";
import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from "../../services/errors.ts";
import { PAGE_SIZE } from "../../services/pagination.ts";
import {
  createTaskSchema,
  taskFiltersSchema,
  taskStatusSchema,
  updateTaskSchema,
  type PublicTask,
} from "../../services/tasks.ts";
import {
  badJson,
  checked,
  describe,
  emptyBody,
  EXAMPLE_ID,
  exampleCursor,
  header,
  internal,
  unavailable,
  json,
  JSON_TYPE,
  methodNotAllowed,
  notModified,
  parameter,
  parameterSchema,
  payloadTooLarge,
  problem,
  problemFor,
  problems,
  r,
  readScope,
  requestMeta,
  responseMeta,
  schemaRef,
  success,
  tooManyRequests,
  unauthorized,
  unsupportedMediaType,
  validationProblemFor,
  type OnTheWire,
  type OperationObject,
  type ParameterObject,
  type Same,
} from "./openapi-kit.server.ts";
import { queryInput } from "./query.server.ts";

/**
 * The task operations of the OpenAPI document: /api/tasks, /api/tasks/{id} and its activity.
 * As for users, request bodies are the task service's own zod schemas, the response shapes are
 * checked against PublicTask and ActivityEntry at compile time, and validation examples are
 * produced by running the real schemas.
 */

const EXAMPLE_TASK_ID = "k3v9q2w7e5r1t8y4u6i0o2pa";
const ADA = { id: EXAMPLE_ID, name: "Ada Lovelace" };
const GRACE = { id: "h8k2m4n6p8q0r2s4t6v8w0x2", name: "Grace Hopper" };

// ---- Request bodies: the task service's schemas, described ----

describe(requestMeta, createTaskSchema.shape.title, {
  description: "What needs doing: 1 to 200 characters after trimming.",
  examples: ["Fix the login redirect"],
});
describe(requestMeta, createTaskSchema.shape.description.unwrap(), {
  description: "More about it, up to 10,000 characters. Empty when left out on create.",
});
describe(requestMeta, taskStatusSchema, {
  description: "TODO, IN_PROGRESS or DONE. Becoming DONE sets completedAt; leaving DONE clears it.",
});
describe(requestMeta, createTaskSchema.shape.status, { description: "TODO, IN_PROGRESS or DONE; TODO when left out." });
describe(requestMeta, createTaskSchema.shape.assigneeId.unwrap(), {
  description: "The id of the active person who works on it, or null for nobody.",
  examples: [EXAMPLE_ID],
});
describe(requestMeta, createTaskSchema.shape.dueDate.unwrap(), {
  description: "The calendar day it is due (YYYY-MM-DD), or null for none. Past it and not done, a task is overdue.",
  examples: ["2026-03-01"],
});
describe(requestMeta, createTaskSchema, {
  id: "CreateTaskRequest",
  description: "A new task; its creator is the token's owner. Fields other than these (id, creatorId, version, completedAt, ...) are ignored.",
});
describe(requestMeta, updateTaskSchema, {
  id: "UpdateTaskRequest",
  description: "The changes: only the fields sent change; null clears assigneeId or dueDate. Fields other than these are ignored.",
});

// ---- Response shapes ----

const personRefSchema = r(
  z.object({
    id: r(z.string(), { description: "The person's id.", examples: [EXAMPLE_ID] }),
    name: r(z.string(), { description: "The name Tandem shows.", examples: ["Ada Lovelace"] }),
  }),
  { id: "PersonRef", description: "A person on the team, by id and name. GET /api/users/{id} has the rest." },
);

const statusSchema = describe(responseMeta, taskStatusSchema, {
  description: "TODO, IN_PROGRESS or DONE.",
});

export const taskSchema = r(
  z.object({
    id: r(z.string(), { description: "The task's id: opaque and stable.", examples: [EXAMPLE_TASK_ID] }),
    title: r(z.string(), { description: "What needs doing.", examples: ["Fix the login redirect"] }),
    description: r(z.string(), { description: "More about it; empty when there is nothing more." }),
    status: statusSchema,
    assignee: r(personRefSchema.nullable(), { description: "Who works on it; null for nobody." }),
    creator: personRefSchema,
    dueDate: r(z.iso.date().nullable(), { description: "The calendar day it is due (YYYY-MM-DD), or null for none." }),
    overdue: r(z.boolean(), { description: "true when the due date is past (in UTC) and the task is not done." }),
    version: r(z.int().min(1), {
      description: "Bumped on every change. The ETag header carries it; If-Match sends it back.",
      examples: [1],
    }),
    completedAt: r(z.iso.datetime().nullable(), { description: "When it last became DONE (UTC); null while it is not done." }),
    createdAt: r(z.iso.datetime(), { description: "When it was created (UTC). Lists are ordered by it, newest first." }),
    updatedAt: r(z.iso.datetime(), { description: "When it last changed (UTC)." }),
  }),
  { id: "Task", description: "A task." },
);

export const taskListSchema = r(
  z.object({
    data: r(z.array(taskSchema), { description: "This page of tasks, newest first (by creation time, then id)." }),
    nextCursor: r(z.string().nullable(), { description: "Pass as cursor to get the next page; null on the last page." }),
  }),
  { id: "TaskList", description: "A page of tasks." },
);

const changeSchema = r(
  z.object({
    from: r(z.string().nullable(), { description: "The value before (… for a description)." }),
    to: r(z.string().nullable(), { description: "The value after (… for a description)." }),
  }),
  { id: "TaskChange", description: "One field's change. Descriptions are not repeated: both sides read …." },
);

export const taskActivitySchema = r(
  z.object({
    id: r(z.string(), { description: "The entry's id." }),
    action: r(z.enum(["task.created", "task.updated", "task.status_changed", "task.deleted"]), {
      description: "What was done. task.status_changed is an update that changed only the status.",
    }),
    subjectType: r(z.literal("task"), { description: "Always task here." }),
    subjectId: r(z.string(), { description: "The task's id.", examples: [EXAMPLE_TASK_ID] }),
    subjectName: r(z.string(), { description: "The task's title at the time: kept after the task is deleted." }),
    details: r(
      z.object({
        title: changeSchema.optional(),
        description: changeSchema.optional(),
        status: changeSchema.optional(),
        assigneeId: changeSchema.optional(),
        dueDate: changeSchema.optional(),
      }),
      { description: "For an update, each field that changed; empty otherwise." },
    ),
    createdAt: r(z.iso.datetime(), { description: "When it was done (UTC)." }),
    actor: r(personRefSchema.nullable(), { description: "Who did it." }),
  }),
  { id: "TaskActivity", description: "One thing done to a task, through the web pages or the API alike." },
);

export const taskActivityListSchema = r(
  z.object({
    data: r(z.array(taskActivitySchema), { description: "What was done to the task, newest first: at most the 100 newest entries." }),
    nextCursor: r(z.string().nullable(), { description: "null: for now the entries come as one page." }),
  }),
  { id: "TaskActivityList", description: "A task's activity." },
);

// What the API sends must be what the schemas say: a field added to PublicTask or ActivityEntry
// fails to compile here. Activity entries are typed loosely by the service (any action, any
// details), so their schema need only be as narrow, with the same fields.
const taskSchemaMatchesService: Same<z.output<typeof taskSchema>, OnTheWire<PublicTask>> = true;
type Activity = z.output<typeof taskActivitySchema>;
const activitySchemaFitsService: [Activity] extends [OnTheWire<ActivityEntry>] ? Same<keyof Activity, keyof ActivityEntry> : false = true;
void taskSchemaMatchesService;
void activitySchemaFitsService;

// ---- Examples ----

const loginTask = checked(taskSchema, {
  id: EXAMPLE_TASK_ID,
  title: "Fix the login redirect",
  description: "After signing in, people land on the home page instead of where they were going.",
  status: "IN_PROGRESS" as const,
  assignee: ADA,
  creator: GRACE,
  dueDate: "2026-03-01",
  overdue: false,
  version: 2,
  completedAt: null,
  createdAt: "2026-02-10T08:15:00.000Z",
  updatedAt: "2026-02-11T16:40:00.000Z",
});
const newTask = checked(taskSchema, {
  ...loginTask,
  id: "m2n4b6v8c0x2z4l6k8j0h2g4",
  title: "Write the release notes",
  description: "",
  status: "TODO" as const,
  assignee: null,
  creator: ADA,
  dueDate: "2026-01-31",
  overdue: true,
  version: 1,
  createdAt: "2026-01-20T10:00:00.000Z",
  updatedAt: "2026-01-20T10:00:00.000Z",
});

const activityEntries = [
  {
    id: "p1o2i3u4y5t6r7e8w9q0a1s2",
    action: "task.status_changed" as const,
    subjectType: "task" as const,
    subjectId: EXAMPLE_TASK_ID,
    subjectName: "Fix the login redirect",
    details: { status: { from: "TODO", to: "IN_PROGRESS" } },
    createdAt: "2026-02-11T16:40:00.000Z",
    actor: ADA,
  },
  {
    id: "d3f4g5h6j7k8l9z0x1c2v3b4",
    action: "task.created" as const,
    subjectType: "task" as const,
    subjectId: EXAMPLE_TASK_ID,
    subjectName: "Fix the login redirect",
    details: {},
    createdAt: "2026-02-10T08:15:00.000Z",
    actor: GRACE,
  },
];

/** The 400 the list answers for this query string: the route's own check, run here. */
function queryProblem(search: string, instance: string) {
  try {
    queryInput(new Request(`http://tandem.test${instance}?${search}`), taskFiltersSchema);
  } catch (error) {
    return problemFor(error as Error, instance);
  }
  throw new Error(`The example query ${search} is valid; it cannot show a problem.`);
}

// ---- Pieces the task operations share ----

const writeScope = "Needs a token with the write scope.";

const notFound = (instance: string) =>
  problems("Not Found: no task has this id (or it was deleted).", {
    notFound: { summary: "An unknown id", value: problemFor(new NotFoundError("That task"), instance) },
  });

const forbidden = (instance: string, description: string, refusal?: string) =>
  problems(
    description,
    {
      ...(refusal ? { notAllowed: { summary: "Not the task's creator or assignee, nor an admin", value: problemFor(new ForbiddenError(refusal), instance) } } : {}),
      readOnlyToken: {
        summary: "A token with only the read scope",
        value: problem("insufficient-scope", 'This token lacks the "write" scope.', instance),
      },
    },
    { headers: { "WWW-Authenticate": header("WWWAuthenticate") } },
  );

const preconditionFailed = (instance: string, what: string) =>
  problems(`Precondition Failed: If-Match does not name the task's current version. Nothing ${what}; read the task again and retry.`, {
    stale: {
      summary: "Someone changed the task since you read it",
      value: problemFor(new PreconditionFailedError("This task was changed by someone else since you opened it."), instance),
    },
    notOurs: {
      summary: "A tag that is no version of this task",
      value: problem("precondition-failed", "If-Match does not match the current version.", instance),
    },
  });

const unassignable = (instance: string) => ({
  summary: "An assignee who is not an active person on the team",
  value: problemFor(new ValidationError([{ field: "assigneeId", message: "Assign the task to an active person on the team." }]), instance),
});

// ---- The operations ----

export const TASKS_TAG = {
  name: "Tasks",
  description:
    "The team's tasks. Everyone can read and create them; the creator, the assignee or an admin can change one; the creator or an admin can delete one. Every change is recorded in the task's activity.",
};

export function taskPaths(): Record<string, Partial<Record<"get" | "post" | "patch" | "delete", OperationObject>>> {
  const tasks = "/api/tasks";
  const task = `/api/tasks/${EXAMPLE_TASK_ID}`;
  const activity = `${task}/activity`;

  return {
    [tasks]: {
      get: {
        operationId: "listTasks",
        summary: "List tasks",
        description: `Tasks newest first (by creation time, then id), a page at a time, narrowed by any of the filters: \`status\`, \`assignee\` (\`me\`, \`none\` or a person's id), \`q\` (text in the title or description, any case) and \`overdue\`. An empty filter counts as left out; an unknown value, or a filter given twice, is 400. When there is more, \`nextCursor\` holds a cursor for the next page and a \`Link\` header with \`rel="next"\` points at it, filters included: pass it back unchanged. ${readScope} For example: \`/api/tasks?assignee=me&status=IN_PROGRESS\`.`,
        tags: ["Tasks"],
        parameters: [
          parameter("TaskStatus"),
          parameter("TaskAssignee"),
          parameter("TaskQuery"),
          parameter("TaskOverdue"),
          parameter("Limit"),
          parameter("Cursor"),
          parameter("XRequestId"),
        ],
        responses: {
          "200": success(
            "A page of tasks. The Link header is present when there is a next page.",
            json("TaskList", {
              firstPage: { summary: "A page with more after it", value: checked(taskListSchema, { data: [loginTask], nextCursor: exampleCursor }) },
              lastPage: { summary: "The last page", value: checked(taskListSchema, { data: [newTask], nextCursor: null }) },
            }),
            { Link: header("Link") },
          ),
          "400": problems(
            `Bad Request: a filter has a value it does not take or is given twice, limit is not a whole number from 1 to ${PAGE_SIZE.max}, or cursor is empty, does not decode or was altered.`,
            {
              badStatus: { summary: "An unknown status", value: queryProblem("status=BLOCKED", tasks) },
              badOverdue: { summary: "overdue neither true nor false", value: queryProblem("overdue=maybe", tasks) },
              repeated: { summary: "A filter given twice", value: queryProblem("status=TODO&status=DONE", tasks) },
              badLimit: { summary: "limit out of range", value: problem("bad-request", `limit must be a whole number from 1 to ${PAGE_SIZE.max}.`, tasks) },
              badCursor: {
                summary: "An altered cursor",
                value: problem("bad-request", "The cursor is not valid: start again from the first page.", tasks),
              },
            },
          ),
          "401": unauthorized(tasks),
          "405": methodNotAllowed(tasks, "DELETE"),
          "429": tooManyRequests(tasks),
          "500": internal(tasks),
          "503": unavailable(tasks),
        },
      },
      post: {
        operationId: "createTask",
        summary: "Create a task",
        description: `Creates a task whose creator is the token's owner; anyone on the team may. ${writeScope} Answers 201 with the new task, its ETag and its Location. Send an Idempotency-Key to retry safely: the same key and body within 24 hours replays the first answer (marked \`Idempotent-Replayed: true\`) instead of creating the task twice; the same key with another body is 422; while the first request is still running, 409.`,
        tags: ["Tasks"],
        parameters: [parameter("IdempotencyKey"), parameter("XRequestId")],
        requestBody: {
          description: "The new task.",
          required: true,
          content: {
            [JSON_TYPE]: {
              schema: schemaRef("CreateTaskRequest"),
              examples: {
                assigned: {
                  summary: "Assigned, with a due date",
                  value: checked(
                    createTaskSchema,
                    { title: "Fix the login redirect", description: "People land on the home page after signing in.", assigneeId: EXAMPLE_ID, dueDate: "2026-03-01" },
                    "input",
                  ),
                },
                minimal: { summary: "Just a title", value: checked(createTaskSchema, { title: "Write the release notes" }, "input") },
              },
            },
          },
        },
        responses: {
          "201": success(
            "Created: the new task. A replay of an earlier request with the same Idempotency-Key answers the same, with Idempotent-Replayed: true.",
            json("Task", {
              created: {
                summary: "The task created",
                value: checked(taskSchema, { ...loginTask, status: "TODO" as const, version: 1, updatedAt: loginTask.createdAt }),
              },
            }),
            { Location: header("Location"), ETag: header("ETag"), "Idempotent-Replayed": header("IdempotentReplayed") },
          ),
          "400": problems("Bad Request: the body is empty, not UTF-8 or not JSON, or the Idempotency-Key is not 1 to 255 visible ASCII characters.", {
            badJson: badJson(tasks),
            emptyBody: emptyBody(tasks),
            badIdempotencyKey: {
              summary: "An unusable Idempotency-Key",
              value: problem("bad-request", "Idempotency-Key must be 1 to 255 visible ASCII characters.", tasks),
            },
          }),
          "401": unauthorized(tasks),
          "403": forbidden(tasks, "Forbidden: the token lacks the write scope (WWW-Authenticate names it)."),
          "405": methodNotAllowed(tasks, "DELETE"),
          "409": problems(
            "Conflict: a request with the same Idempotency-Key is still running. Retry after Retry-After seconds to get its answer.",
            {
              keyInUse: {
                summary: "The same Idempotency-Key is still being processed",
                value: problem("idempotency-key-in-use", "A request with this Idempotency-Key is still being processed; retry shortly.", tasks),
              },
            },
            { headers: { "Retry-After": header("RetryAfter") } },
          ),
          "413": payloadTooLarge(tasks),
          "415": unsupportedMediaType(tasks),
          "422": problems(
            "Unprocessable Content: the body breaks the rules (errors lists each field; an assignee must be an active person on the team), or the Idempotency-Key was already used with another body.",
            {
              invalid: {
                summary: "Fields that break the rules",
                value: validationProblemFor(createTaskSchema, { title: " ", status: "BLOCKED", dueDate: "31/12/2026" }, tasks),
              },
              unassignable: unassignable(tasks),
              keyReused: {
                summary: "An Idempotency-Key used before with another body",
                value: problem("idempotency-key-reused", "This Idempotency-Key was already used with a different request body.", tasks),
              },
            },
            { schema: { anyOf: [schemaRef("ValidationProblem"), schemaRef("Problem")] } },
          ),
          "429": tooManyRequests(tasks),
          "500": internal(tasks),
          "503": unavailable(tasks),
        },
      },
    },
    "/api/tasks/{id}": {
      get: {
        operationId: "getTask",
        summary: "Get a task",
        description: `One task. ${readScope} Answers with an ETag; send it back in If-None-Match to get 304 while nothing changed.`,
        tags: ["Tasks"],
        parameters: [parameter("TaskId"), parameter("IfNoneMatch"), parameter("XRequestId")],
        responses: {
          "200": success("The task.", json("Task", { task: { summary: "A task in progress", value: loginTask } }), { ETag: header("ETag") }),
          "304": notModified("the task"),
          "401": unauthorized(task),
          "404": notFound(task),
          "405": methodNotAllowed(task, "PUT"),
          "429": tooManyRequests(task),
          "500": internal(task),
          "503": unavailable(task),
        },
      },
      patch: {
        operationId: "updateTask",
        summary: "Change a task",
        description: `Changes the fields sent and leaves the others; null clears the assignee or the due date. The task's creator, its assignee or an admin may. ${writeScope} Send If-Match with the ETag you read to apply the change only if nobody changed the task since (412 otherwise, and nothing changes); without it the change applies to the current version. Answers with the updated task and its new ETag; a PATCH that sends only the values the task already has changes nothing (same version, no activity).`,
        tags: ["Tasks"],
        parameters: [parameter("TaskId"), parameter("IfMatch"), parameter("XRequestId")],
        requestBody: {
          description: "The changes.",
          required: true,
          content: {
            [JSON_TYPE]: {
              schema: schemaRef("UpdateTaskRequest"),
              examples: {
                done: { summary: "Mark it done", value: checked(updateTaskSchema, { status: "DONE" }, "input") },
                reassign: { summary: "Give it to someone else, due later", value: checked(updateTaskSchema, { assigneeId: GRACE.id, dueDate: "2026-03-15" }, "input") },
                unassign: { summary: "Nobody works on it", value: checked(updateTaskSchema, { assigneeId: null }, "input") },
              },
            },
          },
        },
        responses: {
          "200": success(
            "The task as changed, with its new ETag.",
            json("Task", {
              updated: {
                summary: "Marked done",
                value: checked(taskSchema, {
                  ...loginTask,
                  status: "DONE" as const,
                  version: 4,
                  completedAt: "2026-02-12T09:00:00.000Z",
                  updatedAt: "2026-02-12T09:00:00.000Z",
                }),
              },
            }),
            { ETag: header("ETag") },
          ),
          "400": problems("Bad Request: the body is empty, not UTF-8 or not JSON.", { badJson: badJson(task), emptyBody: emptyBody(task) }),
          "401": unauthorized(task),
          "403": forbidden(
            task,
            "Forbidden: the token's owner is not the task's creator, its assignee or an admin, or the token lacks the write scope (then WWW-Authenticate names it). Nothing changed.",
            "Only the task's creator, its assignee or an admin can change it.",
          ),
          "404": notFound(task),
          "405": methodNotAllowed(task, "PUT"),
          "412": preconditionFailed(task, "changed"),
          "413": payloadTooLarge(task),
          "415": unsupportedMediaType(task),
          "422": problems(
            "Unprocessable Content: the body breaks the rules; errors lists each field. An assignee must be an active person on the team.",
            {
              invalid: { summary: "Fields that break the rules", value: validationProblemFor(updateTaskSchema, { title: "", status: "BLOCKED" }, task) },
              unassignable: unassignable(task),
            },
            { schema: schemaRef("ValidationProblem") },
          ),
          "429": tooManyRequests(task),
          "500": internal(task),
          "503": unavailable(task),
        },
      },
      delete: {
        operationId: "deleteTask",
        summary: "Delete a task",
        description: `Deletes the task. Its creator or an admin may. ${writeScope} Its activity stays readable, with the title it had. Send If-Match with the ETag you read to delete only the version you saw (412 otherwise, and nothing is deleted). Answers 204 with no body.`,
        tags: ["Tasks"],
        parameters: [parameter("TaskId"), parameter("IfMatch"), parameter("XRequestId")],
        responses: {
          "204": { description: "Deleted. No body.", headers: { "X-Request-Id": header("XRequestId") } },
          "401": unauthorized(task),
          "403": forbidden(
            task,
            "Forbidden: the token's owner is not the task's creator or an admin, or the token lacks the write scope (then WWW-Authenticate names it). Nothing was deleted.",
            "Only the task's creator or an admin can delete it.",
          ),
          "404": notFound(task),
          "405": methodNotAllowed(task, "PUT"),
          "412": preconditionFailed(task, "was deleted"),
          "429": tooManyRequests(task),
          "500": internal(task),
          "503": unavailable(task),
        },
      },
    },
    "/api/tasks/{id}/activity": {
      get: {
        operationId: "listTaskActivity",
        summary: "List a task's activity",
        description: `What was done to the task and by whom, newest first: the 100 newest entries, through the web pages and the API alike. A deleted task's activity stays readable, ending with task.deleted. ${readScope} 404 only for an id that is no task and never was one.`,
        tags: ["Tasks"],
        parameters: [parameter("TaskId"), parameter("XRequestId")],
        responses: {
          "200": success(
            "The task's activity.",
            json("TaskActivityList", {
              activity: { summary: "Created, then started", value: checked(taskActivityListSchema, { data: activityEntries, nextCursor: null }) },
            }),
          ),
          "401": unauthorized(activity),
          "404": problems("Not Found: no task has this id, and none ever had.", {
            notFound: { summary: "An unknown id", value: problemFor(new NotFoundError("That task"), activity) },
          }),
          "405": methodNotAllowed(activity, "POST"),
          "429": tooManyRequests(activity),
          "500": internal(activity),
          "503": unavailable(activity),
        },
      },
    },
  };
}

/** The parameters the task operations name: the id, and the list's filters from the service's schema. */
export function taskParameters(): Record<string, ParameterObject> {
  const filters = taskFiltersSchema.shape;
  return {
    TaskId: {
      name: "id",
      in: "path",
      required: true,
      description: "The task's id.",
      schema: parameterSchema(z.string().min(1)),
      example: EXAMPLE_TASK_ID,
    },
    TaskStatus: {
      name: "status",
      in: "query",
      required: false,
      description: "Only tasks with this status.",
      schema: parameterSchema(filters.status.unwrap()),
      example: "IN_PROGRESS",
    },
    TaskAssignee: {
      name: "assignee",
      in: "query",
      required: false,
      description: "Only tasks assigned to: me (the token's owner), none (nobody), or the person with this id.",
      schema: parameterSchema(filters.assignee.unwrap()),
      example: "me",
    },
    TaskQuery: {
      name: "q",
      in: "query",
      required: false,
      description:
        "Only tasks whose title or description contains this text: any case, Unicode-aware (compared after NFKC normalisation and lower-casing), up to 200 characters after trimming.",
      schema: parameterSchema(filters.q.unwrap()),
      example: "login",
    },
    TaskOverdue: {
      name: "overdue",
      in: "query",
      required: false,
      description: "true: only tasks past their due date (in UTC) and not done. false: only the others.",
      schema: parameterSchema(filters.overdue.unwrap()),
      example: "true",
    },
  };
}
