import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { ForbiddenError } from "../../services/errors.ts";
import { createUser } from "../../services/users.ts";
import { CreateUserForm } from "~/components/user-forms";
import { redirectWithFlash } from "~/flash.server";
import { formInput, readFormData } from "~/form-data.server";
import { errorPageResponse, formErrorResponse } from "~/form-errors.server";
import { requireSignedIn } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Add a person · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  // Only to avoid showing a form that cannot succeed; createUser checks again.
  if (actor.role !== "ADMIN") throw errorPageResponse(new ForbiddenError("Only admins can add people."));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  const formData = await readFormData(request);
  try {
    const user = await createUser(actor, formInput(formData));
    return redirectWithFlash("/users", { kind: "success", message: `${user.name} was added to the team.` });
  } catch (error) {
    return formErrorResponse(error, formData);
  }
}

export default function NewUser() {
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>Add a person</h1>
      <CreateUserForm state={state} />
    </>
  );
}
