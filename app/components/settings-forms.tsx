import type { FormState } from "#app/forms/state.ts";
import { ConfirmPanel } from "./confirm-panel.tsx";
import { PostForm, SubmitButton, TextField } from "./form.tsx";

export function ChangePasswordForm({ email, state }: { email: string; state?: FormState | null }) {
  return (
    <PostForm intent="change-password" state={state} className="stack">
      {/* Lets password managers file the new password under the right account. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField
        name="currentPassword"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        state={state}
      />
      <TextField
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. Your other sessions will be signed out."
        required
        state={state}
      />
      <SubmitButton intent="change-password" pendingText="Changing…">
        Change password
      </SubmitButton>
    </PostForm>
  );
}

export function SignOutEverywhereForm({ state }: { state?: FormState | null }) {
  return (
    <ConfirmPanel intent="sign-out-everywhere" state={state} submitText="Sign out everywhere" pendingText="Signing out…">
      Ends every session of yours, on every device, this one included.
    </ConfirmPanel>
  );
}
