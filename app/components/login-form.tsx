import type { FormState } from "#app/forms/state.ts";
import { PostForm, SubmitButton, TextField } from "./form.tsx";

export function LoginForm({ state, redirectTo = "/" }: { state?: FormState | null; redirectTo?: string }) {
  return (
    <PostForm state={state} className="stack">
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <TextField name="email" label="Email" type="email" autoComplete="username" required state={state} />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" required state={state} />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </PostForm>
  );
}
