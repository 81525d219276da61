import { ValidationError } from "#services/errors.ts";
import { PAGE_SIZE } from "#services/pagination.ts";
import { TASK_SORT_LABELS, TASK_SORTS } from "#services/task-sort.ts";
import { createTask, createTaskSchema, listTasks, taskFiltersSchema } from "#services/tasks.ts";
import { readJsonBody } from "#app/api/body.server.ts";
import { idempotent } from "#app/api/idempotency.server.ts";
import { badQuery, EXAMPLE_ID, exampleCursor, invalid, pageOf, param, READ_SCOPE } from "#app/api/openapi-kit.server.ts";
import { ADA, loginTask, taskSchema } from "#app/api/openapi-tasks.server.ts";
import { pageQuery } from "#app/api/paging.server.ts";
import { queryInput } from "#app/api/query.server.ts";
import { list, resource } from "#app/api/respond.server.ts";
import { apiRoute } from "#app/api/route.server.ts";

const filters = taskFiltersSchema.shape;
const taskListSchema = pageOf(taskSchema, "TaskList", "A page of tasks.", "This page of tasks, in the order asked for (sort; newest first by default).");
const sortsDescribed = TASK_SORTS.map((sort) => `\`${sort}\` (${TASK_SORT_LABELS[sort].toLowerCase()})`).join(", ");
const newTask = {
  ...loginTask,
  id: "m2n4b6v8c0x2z4l6k8j0h2g4",
  title: "Write the release notes",
  description: "",
  status: "TODO",
  assignee: null,
  creator: ADA,
  dueDate: "2026-01-31",
  overdue: true,
  version: 1,
  createdAt: "2026-01-20T10:00:00.000Z",
  updatedAt: "2026-01-20T10:00:00.000Z",
};

/**
 * GET /api/tasks: newest first or in the order `sort` names, a page at a time (forwards and back),
 * filtered by status, assignee (me, none or a user id), q and overdue from the query string (a
 * value the filters refuse is 400).
 * POST /api/tasks: anyone with a write token creates a task.
 */
const api = apiRoute(
  { path: "/api/tasks", tag: "Tasks" },
  {
    GET: {
      operationId: "listTasks",
      summary: "List tasks",
      description: `Tasks a page at a time, newest first (by creation time, then id) unless \`sort\` names another order, narrowed by any of the filters: \`status\`, \`assignee\` (\`me\`, \`none\` or a person's id), \`q\` (text in the title or description, any case) and \`overdue\`. With \`overdue=true\` and no \`sort\`, the most overdue come first (\`sort=due\`). An empty filter counts as left out; an unknown value, or a filter given twice, is 400. When there is more, \`nextCursor\` holds a cursor for the next page and a \`Link\` header with \`rel="next"\` points at it, filters and sort included: pass it back unchanged. After the first page, the same header also has \`rel="prev"\`, a cursor to the page before. A cursor belongs to its sort: with another \`sort\` it is 400. ${READ_SCOPE} For example: \`/api/tasks?assignee=me&status=IN_PROGRESS&sort=due\`.`,
      // The filters' schemas are the task service's own.
      query: [
        param("query", filters.status.unwrap(), { id: "TaskStatus", name: "status", description: "Only tasks with this status.", example: "IN_PROGRESS" }),
        param("query", filters.assignee.unwrap(), {
          id: "TaskAssignee",
          name: "assignee",
          description: "Only tasks assigned to: me (the token's owner), none (nobody), or the person with this id.",
          example: "me",
        }),
        param("query", filters.q.unwrap(), {
          id: "TaskQuery",
          name: "q",
          description:
            "Only tasks whose title or description contains this text: any case, Unicode-aware (compared after NFKC normalisation and lower-casing), up to 200 characters after trimming.",
          example: "login",
        }),
        param("query", filters.overdue.unwrap(), {
          id: "TaskOverdue",
          name: "overdue",
          description: "true: only tasks past their due date (in UTC) and not done. false: only the others.",
          example: "true",
        }),
        param("query", filters.sort.unwrap(), {
          id: "TaskSort",
          name: "sort",
          description: `The order: a field name for ascending, with a leading \`-\` for descending; ties are broken by id in the same direction. One of ${sortsDescribed}. Tasks without a due date come last when sorting by due date, either way; titles are compared in any case. Default: \`-created\`, or \`due\` with \`overdue=true\`.`,
          example: "due",
        }),
      ],
      paged: true,
      responses: {
        200: {
          description: "A page of tasks. The Link header is present when there is a next or a previous page.",
          schema: taskListSchema,
          examples: {
            firstPage: ["A page with more after it", { data: [loginTask], nextCursor: exampleCursor }],
            lastPage: ["The last page", { data: [newTask], nextCursor: null }],
          },
        },
        400: {
          description: `Bad Request: a filter or sort has a value it does not take or is given twice, limit is not a whole number from 1 to ${PAGE_SIZE.max}, or cursor is empty, does not decode, was altered or belongs to another sort.`,
          examples: {
            badStatus: ["An unknown status", badQuery(taskFiltersSchema, "status=BLOCKED")],
            badOverdue: ["overdue neither true nor false", badQuery(taskFiltersSchema, "overdue=maybe")],
            badSort: ["An unknown sort", badQuery(taskFiltersSchema, "sort=priority")],
            repeated: ["A filter given twice", badQuery(taskFiltersSchema, "status=TODO&status=DONE")],
          },
        },
      },
      async handle({ request, auth }) {
        const filters = queryInput(request, taskFiltersSchema);
        return list(request, await listTasks(auth.actor, filters, pageQuery(request)));
      },
    },

    POST: {
      operationId: "createTask",
      summary: "Create a task",
      description:
        "Creates a task whose creator is the token's owner; anyone on the team may. Needs a token with the write scope. Answers 201 with the new task, its ETag and its Location. Send an Idempotency-Key to retry safely: the same key and body within 24 hours replays the first answer (marked `Idempotent-Replayed: true`) instead of creating the task twice; the same key with another body is 422; while the first request is still running, 409.",
      idempotent: true,
      body: {
        description: "The new task.",
        schema: createTaskSchema,
        examples: {
          assigned: [
            "Assigned, with a due date",
            { title: "Fix the login redirect", description: "People land on the home page after signing in.", assigneeId: EXAMPLE_ID, dueDate: "2026-03-01" },
          ],
          minimal: ["Just a title", { title: "Write the release notes" }],
        },
      },
      responses: {
        201: {
          description:
            "Created: the new task. A replay of an earlier request with the same Idempotency-Key answers the same, with Idempotent-Replayed: true.",
          schema: taskSchema,
          headers: ["Location", "ETag"],
          examples: { created: ["The task created", { ...loginTask, status: "TODO", version: 1, updatedAt: loginTask.createdAt }] },
        },
        422: {
          description:
            "Unprocessable Content: the body breaks the rules (errors lists each field; an assignee must be an active person on the team), or the Idempotency-Key was already used with another body.",
          examples: {
            invalid: ["Fields that break the rules", invalid(createTaskSchema, { title: " ", status: "BLOCKED", dueDate: "31/12/2026" })],
            unassignable: [
              "An assignee who is not an active person on the team",
              new ValidationError([{ field: "assigneeId", message: "Assign the task to an active person on the team." }]),
            ],
          },
        },
      },
      async handle({ request, auth }) {
        const body = await readJsonBody(request);
        return idempotent(request, { userId: auth.actor.id, route: "POST /api/tasks" }, body.text, async () => {
          const task = await createTask(auth.actor, body.value);
          return resource(task, { status: 201, headers: { Location: `/api/tasks/${task.id}` } });
        });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
