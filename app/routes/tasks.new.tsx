import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createTask, listAssignablePeople } from "#services/tasks.ts";
import { TaskForm } from "#app/components/task-form.tsx";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { taskFormInput } from "#app/forms/task-form.server.ts";
import { quoteTitle } from "#app/forms/flash.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "New task · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  return { people: await listAssignablePeople(actor) };
}

export const action = intentAction({
  create: async ({ actor, form }) => {
    const task = await createTask(actor, taskFormInput(form));
    return { redirect: `/tasks/${task.id}`, flash: `The task ${quoteTitle(task.title)} was created.` };
  },
});

export default function NewTask() {
  const { people } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/tasks">← Tasks</Link>
      </p>
      <h1>New task</h1>
      <TaskForm people={people} state={state} cancelTo="/tasks" />
    </>
  );
}
