import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { createTask, listAssignablePeople } from "../../services/tasks.ts";
import { TaskForm } from "~/components/task-form";
import { redirectWithFlash } from "~/flash.server";
import { formErrorResponse } from "~/form-errors.server";
import { taskFormInput } from "~/tasks.server";
import { requireSignedIn } from "~/session.server";
import { readFormData } from "~/form-data.server";

export const meta: MetaFunction = () => [{ title: "New task · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  return { people: await listAssignablePeople(actor) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const formData = await readFormData(request);
  try {
    const task = await createTask(actor, taskFormInput(formData));
    return redirectWithFlash(`/tasks/${task.id}`, { kind: "success", message: `The task “${task.title}” was created.` });
  } catch (error) {
    return formErrorResponse(error, formData);
  }
}

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
