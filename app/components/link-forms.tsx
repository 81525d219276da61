import { Link } from "@remix-run/react";
import type { FormState } from "#app/forms/state.ts";
import { When } from "./when.tsx";
import { confirmAnchor, ConfirmPanel } from "./confirm-panel.tsx";
import { CopyField } from "./copy-field.tsx";
import { PostForm, SelectField, SubmitButton, TextField } from "./form.tsx";
import { ROLE_OPTIONS } from "./user-forms.tsx";

/**
 * Invitations and password-reset links (decision 0030): the admin's forms, the link to pass on,
 * the waiting invitations, and the newcomer's and the person's forms on the public pages.
 */

/** Inviting someone: the fields are the JSON keys of POST /api/invitations. */
export function InviteForm({ state }: { state?: FormState | null }) {
  return (
    <PostForm intent="invite" state={state} className="stack">
      <TextField name="name" label="Name" hint="They can correct it when they accept." autoComplete="off" required maxLength={100} state={state} />
      <TextField name="email" label="Email" type="email" autoComplete="off" required state={state} />
      <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue="MEMBER" state={state} />
      <SubmitButton intent="invite" pendingText="Inviting…">
        Make the invitation link
      </SubmitButton>
    </PostForm>
  );
}

/** A link just made, shown once to the admin to pass on: Tandem sends no mail (services/link-delivery.ts). */
export function LinkToPassOn({ heading, to, url, expiresAt }: { heading: string; to: string; url: string; expiresAt: string }) {
  return (
    <section aria-labelledby="new-link-heading" className="card card--success">
      <h2 id="new-link-heading">{heading}</h2>
      <CopyField
        id="new-link"
        label="One-time link"
        value={url}
        hint={
          <>
            Send it to {to} yourself (Tandem sends no mail). It works once, until{" "}
            <When value={expiresAt} show="exact" />. It will not be shown again.
          </>
        }
      />
    </section>
  );
}

type InvitationRow = { id: string; email: string; name: string; role: string; expiresAt: string | Date; invitedBy: { name: string } | null };

/** The invitations still waiting, each with its revoke step (`?revoke=<id>`, which works without JavaScript). */
export function InvitationTable({ invitations, confirming, state }: { invitations: InvitationRow[]; confirming: string | null; state?: FormState | null }) {
  if (invitations.length === 0) return <p className="muted">No invitations are waiting.</p>;
  return (
    <table className="table table--cards">
      <caption className="visually-hidden">Invitations waiting</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Invited by</th>
          <th scope="col">Expires</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {invitations.map((invitation) => (
          <tr key={invitation.id}>
            <td className="table__lead">{invitation.name}</td>
            <td data-label="Email">{invitation.email}</td>
            <td data-label="Role">{invitation.role === "ADMIN" ? "Admin" : "Member"}</td>
            <td data-label="Invited by">{invitation.invitedBy?.name ?? "—"}</td>
            <td data-label="Expires">
              <When value={invitation.expiresAt} show="exact" />
            </td>
            <td>
              {confirming === invitation.id ? (
                <ConfirmPanel
                  intent="revoke-invitation"
                  fields={{ invitationId: invitation.id }}
                  state={state}
                  submitText="Yes, revoke it"
                  pendingText="Revoking…"
                  cancelTo="/users"
                  danger
                >
                  The link sent to {invitation.email} stops working at once.
                </ConfirmPanel>
              ) : (
                <Link
                  to={`?revoke=${encodeURIComponent(invitation.id)}#${confirmAnchor("revoke-invitation")}`}
                  className="button button--quiet button--small"
                >
                  Revoke<span className="visually-hidden"> the invitation for {invitation.email}</span>…
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const NEW_PASSWORD_HINT = "At least 12 characters.";

/** The newcomer's form on /invite/<secret>: their name (as the admin wrote it) and their own password. */
export function AcceptInvitationForm({ name, email, state }: { name: string; email: string; state?: FormState | null }) {
  return (
    <PostForm intent="accept" state={state} className="stack">
      {/* For password managers: the account the new password belongs to. */}
      <input type="hidden" name="username" value={email} autoComplete="username" />
      <TextField name="name" label="Your name" autoComplete="name" required maxLength={100} defaultValue={name} state={state} />
      <TextField name="password" label="Choose a password" type="password" autoComplete="new-password" hint={NEW_PASSWORD_HINT} required state={state} />
      <SubmitButton intent="accept" pendingText="Joining…">
        Join Tandem
      </SubmitButton>
    </PostForm>
  );
}

/** The person's form on /reset/<secret>. */
export function ResetPasswordForm({ email, state }: { email: string; state?: FormState | null }) {
  return (
    <PostForm intent="reset" state={state} className="stack">
      <input type="hidden" name="username" value={email} autoComplete="username" />
      <TextField name="password" label="New password" type="password" autoComplete="new-password" hint={NEW_PASSWORD_HINT} required state={state} />
      <SubmitButton intent="reset" pendingText="Saving…">
        Set my password
      </SubmitButton>
    </PostForm>
  );
}
