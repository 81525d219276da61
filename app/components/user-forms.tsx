import type { FormState } from "#app/forms/state.ts";
import { PostForm, SelectField, SubmitButton, TextField } from "./form.tsx";

export const ROLE_OPTIONS = [
  { value: "MEMBER", label: "Member" },
  { value: "ADMIN", label: "Admin" },
];

/** Adding a person: the fields are the JSON keys of POST /api/users. */
export function CreateUserForm({ state }: { state?: FormState | null }) {
  return (
    <PostForm state={state} className="stack">
      <TextField name="name" label="Name" autoComplete="off" required maxLength={100} state={state} />
      <TextField name="email" label="Email" type="email" autoComplete="off" required state={state} />
      <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue="MEMBER" state={state} />
      <TextField
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. Share it with them in person; they can change it in Settings."
        required
        state={state}
      />
      <SubmitButton pendingText="Adding…">Add person</SubmitButton>
    </PostForm>
  );
}

export function EditUserForm({
  user,
  state,
}: {
  user: { name: string; role: string };
  state?: FormState | null;
}) {
  return (
    <PostForm intent="update" state={state} className="stack">
      <TextField name="name" label="Name" required maxLength={100} defaultValue={user.name} state={state} />
      <SelectField name="role" label="Role" options={ROLE_OPTIONS} defaultValue={user.role} state={state} />
      <SubmitButton intent="update" pendingText="Saving…">
        Save changes
      </SubmitButton>
    </PostForm>
  );
}

export function SetPasswordForm({ state }: { state?: FormState | null }) {
  return (
    <PostForm intent="set-password" state={state} className="stack">
      <TextField
        name="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. Their sessions end, so they sign in again with it."
        required
        state={state}
      />
      <SubmitButton intent="set-password" pendingText="Setting…">
        Set password
      </SubmitButton>
    </PostForm>
  );
}
