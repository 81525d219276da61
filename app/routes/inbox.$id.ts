import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { openNotification } from "#services/notifications.ts";
import { pageError } from "#app/forms/errors.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

/**
 * Following a notification from the inbox: it is marked read and the person lands on the task, at
 * the comment. A GET that writes, like every inbox's "open": marking one's own notification read
 * is safe to repeat and harms nothing if a link is prefetched (decision 0026).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const { taskId, commentId } = await openNotification(actor, params.id!).catch(pageError);
  return redirect(`/tasks/${taskId}${commentId ? `#comment-${commentId}` : ""}`, 303);
}
