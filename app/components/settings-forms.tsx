import type { FormState } from "#app/forms/state.ts";
import { ConfirmPanel } from "./confirm-panel.tsx";
import { PostForm, SelectField, SubmitButton, TextField } from "./form.tsx";

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

export type DateFormatOption = { value: string; label: string };

/**
 * The person's time zone and date format (decision 0031). `zones`: the IANA names offered as
 * suggestions (any name the server knows is accepted). Keyed by the stored values, so a change
 * made elsewhere (the browser's first visit) shows here.
 */
export function TimePreferenceForm({
  timeZone,
  locale,
  formats,
  zones,
  state,
}: {
  timeZone: string | null;
  locale: string | null;
  formats: DateFormatOption[];
  zones: string[];
  state?: FormState | null;
}) {
  return (
    <PostForm intent="time-preference" state={state} className="stack" key={`${timeZone}|${locale}`}>
      <TextField
        name="timeZone"
        label="Time zone"
        hint="An IANA name, such as Europe/Berlin or America/New_York. Leave it empty for UTC (with JavaScript, your browser's zone is taken on your next visit)."
        defaultValue={timeZone ?? ""}
        list="time-zones"
        autoComplete="off"
        spellCheck={false}
        state={state}
      />
      <datalist id="time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <SelectField name="locale" label="Date format" options={formats} defaultValue={locale ?? "ISO"} state={state} />
      <SubmitButton intent="time-preference" pendingText="Saving…">
        Save time zone and format
      </SubmitButton>
    </PostForm>
  );
}
