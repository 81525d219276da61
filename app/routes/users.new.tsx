import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requirePermission } from "#services/permissions.ts";
import { createUser } from "#services/users.ts";
import { CreateUserForm } from "#app/components/user-forms.tsx";
import { pageError } from "#app/forms/errors.server.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Add a person · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  // Only to avoid showing a form that cannot succeed (the 403 page instead); createUser checks again.
  try {
    requirePermission(actor, "user.create");
  } catch (error) {
    pageError(error);
  }
  return null;
}

export const action = intentAction({
  create: async ({ actor, input }) => {
    const user = await createUser(actor, input);
    return { redirect: "/users", flash: `${user.name} was added to the team.` };
  },
});

export default function NewUser() {
  const state = useActionData<typeof action>();
  return (
    <>
      <h1>Add a person</h1>
      <CreateUserForm state={state} />
    </>
  );
}
