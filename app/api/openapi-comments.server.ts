import { z } from "zod";
import { createCommentSchema, updateCommentSchema, type PublicComment } from "#services/comments.ts";
import { describe, param, type OnTheWire, type Same } from "./openapi-kit.server.ts";
import { ADA, EXAMPLE_TASK_ID, GRACE, mentionSchema, personRefSchema } from "./openapi-tasks.server.ts";

/**
 * Comments on the wire, for the routes that describe their operations: the comment service's
 * input schemas described, the response shape (checked against PublicComment at compile time),
 * the id parameter and example comments.
 */

export const EXAMPLE_COMMENT_ID = "0193a6f2-7c1e-7b3a-9d4e-5f6a7b8c9d0e";

describe(createCommentSchema, {
  id: "CreateCommentRequest",
  description: "A new comment; its author is the token's owner. Fields other than body are ignored.",
});
describe(updateCommentSchema, {
  id: "UpdateCommentRequest",
  description: "The comment's new text. Fields other than body are ignored.",
});

export const commentSchema = z
  .object({
    id: z.string().meta({ description: "The comment's id: opaque and stable.", examples: [EXAMPLE_COMMENT_ID] }),
    taskId: z.string().meta({ description: "The task it is on.", examples: [EXAMPLE_TASK_ID] }),
    author: personRefSchema.meta({ description: "Who wrote it." }),
    body: z.string().meta({ description: "The Markdown as written." }),
    mentions: z.array(mentionSchema).meta({
      description: "The people it mentions (@name or @email of an active team member), in the order first mentioned. The html shows each as a link to the person.",
    }),
    html: z.string().meta({
      description:
        "The body rendered to safe HTML, as the web pages show it: paragraphs, emphasis, code, lists and links (http, https and mailto only, with rel=\"noopener nofollow ugc\"); raw HTML is shown as text and images as links.",
    }),
    version: z.int().min(1).meta({ description: "Bumped on every edit. The ETag header carries it; If-Match sends it back.", examples: [1] }),
    createdAt: z.iso.datetime().meta({ description: "When it was written (UTC). Lists are ordered by it, newest first." }),
    updatedAt: z.iso.datetime().meta({ description: "When it last changed (UTC)." }),
    editedAt: z.iso.datetime().nullable().meta({ description: "When its author last edited it (UTC); null if never." }),
  })
  .meta({ id: "Comment", description: "A comment on a task." });

// What the API sends must be what the schema says: a field added to PublicComment fails to compile here.
const commentSchemaMatchesService: Same<z.output<typeof commentSchema>, OnTheWire<PublicComment>> = true;
void commentSchemaMatchesService;

export const commentId = param("path", z.string().min(1), { id: "CommentId", name: "id", description: "The comment's id.", example: EXAMPLE_COMMENT_ID });

export const exampleComment = {
  id: EXAMPLE_COMMENT_ID,
  taskId: EXAMPLE_TASK_ID,
  author: ADA,
  body: "Reproduced: see the *Network* tab, the redirect drops `redirectTo`.",
  mentions: [],
  html: "<p>Reproduced: see the <em>Network</em> tab, the redirect drops <code>redirectTo</code>.</p>\n",
  version: 1,
  createdAt: "2026-02-11T09:30:00.000Z",
  updatedAt: "2026-02-11T09:30:00.000Z",
  editedAt: null,
};

export const olderComment = {
  id: "0193a6e0-1a2b-7c3d-8e4f-5a6b7c8d9e0f",
  taskId: EXAMPLE_TASK_ID,
  author: GRACE,
  body: "@Ada Lovelace, can you look at this before Friday?",
  mentions: [{ ...ADA, handle: "Ada Lovelace" }],
  html: `<p><a href="/users/${ADA.id}" class="mention">@Ada Lovelace</a>, can you look at this before Friday?</p>\n`,
  version: 2,
  createdAt: "2026-02-10T08:20:00.000Z",
  updatedAt: "2026-02-10T08:25:00.000Z",
  editedAt: "2026-02-10T08:25:00.000Z",
};
