import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { createInvitation } from "#services/invitations.ts";
import { requirePermission } from "#services/permissions.ts";
import { InviteForm } from "#app/components/link-forms.tsx";
import { deliverFromForm } from "#app/forms/deliver-link.server.ts";
import { pageError } from "#app/forms/errors.server.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Invite a person · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  // Only to avoid showing a form that cannot succeed (the 403 page instead); createInvitation checks again.
  try {
    requirePermission(actor, "user.create");
  } catch (error) {
    pageError(error);
  }
  return null;
}

export const action = intentAction({
  invite: async ({ actor, request, input }) => {
    const { invitation, secret } = await createInvitation(actor, input);
    const flash = await deliverFromForm(request, {
      kind: "invitation",
      to: { email: invitation.email, name: invitation.name },
      path: `/invite/${secret}`,
      expiresAt: invitation.expiresAt,
    });
    return { redirect: "/users", flash };
  },
});

export default function InvitePerson() {
  const state = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/users">← Team</Link>
      </p>
      <h1>Invite a person</h1>
      <p>
        Tandem makes a one-time link for them, which you pass on (Tandem sends no mail). With it they choose their own password and
        join. It works once, for 7 days, and you can revoke it until then.
      </p>
      <InviteForm state={state} />
    </>
  );
}
