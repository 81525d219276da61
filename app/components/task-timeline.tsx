import { Link, useFetcher } from "@remix-run/react";
import { useEffect, useRef, type ComponentProps } from "react";
import type { FormState } from "#app/forms/state.ts";
import { ActivityList } from "./activity-list.tsx";
import { useExactTime, When } from "./when.tsx";
import { confirmAnchor, ConfirmPanel } from "./confirm-panel.tsx";
import { ErrorSummary, PostForm, SubmitButton, TextAreaField } from "./form.tsx";
import { MentionCompletion } from "./mention-completion.tsx";

export type TimelineComment = {
  id: string;
  author: { id: string; name: string };
  /** The Markdown as written (the edit form's text). */
  body: string;
  /** The safe rendering from services/markdown.ts (decision 0024): no raw HTML, no images, no scripts. */
  html: string;
  version: number;
  createdAt: string | Date;
  editedAt: string | Date | null;
  canEdit: boolean;
  canDelete: boolean;
};

type ActivityEntries = ComponentProps<typeof ActivityList>["entries"];

type Item = { kind: "activity"; entries: ActivityEntries } | { kind: "comments"; comments: TimelineComment[] };

/**
 * A task's activity and comments in one line of time, newest first (as the activity list reads):
 * runs of activity entries between runs of comments. Each run is merged by its time, so a comment
 * sits where it was written among the changes.
 */
export function timelineOf(activity: ActivityEntries, comments: TimelineComment[]): Item[] {
  const all = [
    ...activity.map((entry) => ({ at: new Date(entry.createdAt).getTime(), id: entry.id, activity: entry })),
    ...comments.map((comment) => ({ at: new Date(comment.createdAt).getTime(), id: comment.id, comment })),
  ].sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const items: Item[] = [];
  for (const one of all) {
    const last = items.at(-1);
    if ("activity" in one) {
      if (last?.kind === "activity") last.entries.push(one.activity);
      else items.push({ kind: "activity", entries: [one.activity] });
    } else if (last?.kind === "comments") last.comments.push(one.comment);
    else items.push({ kind: "comments", comments: [one.comment] });
  }
  return items;
}

export function TaskTimeline({
  taskId,
  activity,
  comments,
  editing,
  confirmingDelete,
  state,
}: {
  taskId: string;
  activity: ActivityEntries;
  comments: TimelineComment[];
  /** The comment whose edit form is open (`?edit=<id>`). */
  editing: string | null;
  /** The comment whose delete confirmation is open (`?delete-comment=<id>`). */
  confirmingDelete: string | null;
  state?: FormState | null;
}) {
  const fetcher = useFetcher<FormState>({ key: `comment-${taskId}` });
  const sending = fetcher.state !== "idle" ? fetcher.formData?.get("body") : undefined;
  const items = timelineOf(activity, comments);
  return (
    <>
      {/* One comment field at a time: while a comment is edited, its form is the page's only "body" field (field ids are by name). */}
      {editing && comments.some((comment) => comment.id === editing && comment.canEdit) ? null : <CommentForm taskId={taskId} fetcher={fetcher} state={state} />}
      {typeof sending === "string" ? (
        <article className="comment comment--sending" aria-live="polite">
          <p className="comment__meta">
            <strong>You</strong> <span className="muted">(sending…)</span>
          </p>
          <div className="comment__body prewrap">{sending}</div>
        </article>
      ) : null}
      {items.length === 0 ? <p className="muted">Nothing has happened yet.</p> : null}
      {items.map((item) =>
        item.kind === "activity" ? (
          <ActivityList key={`a-${item.entries[0]!.id}`} entries={item.entries} />
        ) : (
          <ol key={`c-${item.comments[0]!.id}`} className="comments">
            {item.comments.map((comment) => (
              <li key={comment.id}>
                <Comment
                  taskId={taskId}
                  comment={comment}
                  editing={editing === comment.id}
                  confirmingDelete={confirmingDelete === comment.id}
                  state={state?.values.commentId === comment.id ? state : null}
                />
              </li>
            ))}
          </ol>
        ),
      )}
    </>
  );
}

/**
 * The new comment's form. Without JavaScript a plain post (intent "comment") answered by a
 * redirect back to the page. With JavaScript a fetcher sends it: the comment shows at once as
 * "sending…", the text is cleared once it is saved, and kept, with the reason, if it was refused.
 */
function CommentForm({ taskId, fetcher, state }: { taskId: string; fetcher: ReturnType<typeof useFetcher<FormState>>; state?: FormState | null }) {
  const form = useRef<HTMLFormElement>(null);
  const wasSending = useRef(false);
  const refusal = fetcher.state === "idle" && fetcher.data ? fetcher.data : state?.intent === "comment" ? state : null;
  useEffect(() => {
    if (fetcher.state !== "idle") wasSending.current = true;
    else if (wasSending.current) {
      wasSending.current = false;
      // Saved (the action redirected, so there is no data): start a fresh comment.
      if (!fetcher.data) form.current?.reset();
    }
  }, [fetcher.state, fetcher.data]);
  return (
    <fetcher.Form method="post" action={`/tasks/${taskId}`} ref={form} noValidate className="comment-form" preventScrollReset>
      <ErrorSummary state={refusal} />
      <input type="hidden" name="intent" value="comment" />
      <TextAreaField
        name="body"
        label="Add a comment"
        hint="Markdown: *emphasis*, `code`, lists and links. Mention someone with @ and their name or email. Up to 10,000 characters."
        rows={4}
        state={refusal}
      />
      <MentionCompletion field="body" />
      <button type="submit" className="button" disabled={fetcher.state === "submitting"}>
        {fetcher.state === "submitting" ? "Posting…" : "Post comment"}
      </button>
    </fetcher.Form>
  );
}

function Comment({
  taskId,
  comment,
  editing,
  confirmingDelete,
  state,
}: {
  taskId: string;
  comment: TimelineComment;
  editing: boolean;
  confirmingDelete: boolean;
  state: FormState | null;
}) {
  const page = `/tasks/${taskId}`;
  const own = (intent: string) => (state?.intent === intent ? state : null);
  const exactTime = useExactTime();
  return (
    <article className="comment" id={`comment-${comment.id}`} aria-labelledby={`comment-${comment.id}-meta`}>
      <p className="comment__meta" id={`comment-${comment.id}-meta`}>
        <strong>{comment.author.name}</strong> commented{" "}
        <When value={comment.createdAt} />
        {comment.editedAt ? (
          <span className="muted">
            {" "}
            (edited <When value={comment.editedAt} />)
          </span>
        ) : null}
      </p>
      {editing && comment.canEdit ? (
        <PostForm intent="edit-comment" state={own("edit-comment")} action={`${page}?edit=${comment.id}`} preventScrollReset>
          <input type="hidden" name="commentId" value={comment.id} />
          <input type="hidden" name="version" value={comment.version} />
          <TextAreaField name="body" label="Your comment" rows={4} defaultValue={comment.body} state={own("edit-comment")} />
          <MentionCompletion field="body" />
          <SubmitButton intent="edit-comment" pendingText="Saving…">
            Save comment
          </SubmitButton>{" "}
          <Link to={`${page}#comment-${comment.id}`} className="button button--quiet">
            Cancel
          </Link>
        </PostForm>
      ) : (
        // Safe by construction: markdown-it with raw HTML off, links checked, no images (decision 0024).
        <div className="comment__body markdown" dangerouslySetInnerHTML={{ __html: comment.html }} />
      )}
      {confirmingDelete && comment.canDelete ? (
        <ConfirmPanel
          intent="delete-comment"
          fields={{ commentId: comment.id, version: String(comment.version) }}
          state={own("delete-comment")}
          submitText="Yes, delete this comment"
          pendingText="Deleting…"
          cancelTo={`${page}#comment-${comment.id}`}
          danger
        >
          This comment will be removed for everyone. This cannot be undone.
        </ConfirmPanel>
      ) : !editing && (comment.canEdit || comment.canDelete) ? (
        <div className="comment__actions">
          <ErrorSummary state={own("delete-comment")} />
          {comment.canEdit ? (
            <Link to={`${page}?edit=${comment.id}#comment-${comment.id}`} className="button button--quiet button--small">
              Edit<span className="visually-hidden"> your comment of {exactTime(comment.createdAt)}</span>
            </Link>
          ) : null}{" "}
          {comment.canDelete ? (
            <Link to={`${page}?delete-comment=${comment.id}#${confirmAnchor("delete-comment")}`} className="button button--quiet button--small">
              Delete…<span className="visually-hidden"> the comment by {comment.author.name} of {exactTime(comment.createdAt)}</span>
            </Link>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
