import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { FormState } from "#app/forms/state.ts";
import { PostForm, SubmitButton } from "./form.tsx";

/**
 * The in-page confirmation step for destructive actions: it works without JavaScript
 * (the page is reached by a plain link, e.g. `?confirm=deactivate`), unlike window.confirm.
 */
export function ConfirmPanel({
  intent,
  state,
  submitText,
  pendingText,
  cancelTo,
  danger = false,
  fields,
  children,
}: {
  intent: string;
  state?: FormState | null;
  submitText: string;
  pendingText: string;
  cancelTo?: string;
  danger?: boolean;
  /** Hidden fields sent with the confirmation, e.g. which of several items it is about. */
  fields?: Record<string, string>;
  children: ReactNode;
}) {
  return (
    <div className={danger ? "confirm confirm--danger" : "confirm"} role="group" aria-labelledby={`confirm-${intent}`}>
      <p id={`confirm-${intent}`}>{children}</p>
      <PostForm intent={intent} state={state} className="confirm__actions">
        {Object.entries(fields ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <SubmitButton intent={intent} pendingText={pendingText} className={danger ? "button button--danger" : "button"}>
          {submitText}
        </SubmitButton>
        {cancelTo ? (
          <Link to={cancelTo} className="button button--quiet">
            Cancel
          </Link>
        ) : null}
      </PostForm>
    </div>
  );
}
