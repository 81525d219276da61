import { Link, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import type { FormState } from "#app/forms/state.ts";
import { PostForm, SubmitButton } from "./form.tsx";

/**
 * The id of the panel for `intent`: the link that opens a confirmation ends in `#<this id>`, so
 * the page opens where the panel is (not at its top, the panel below the fold).
 */
export function confirmAnchor(intent: string) {
  return `${intent}-confirm`;
}

/**
 * The in-page confirmation step for destructive actions: it works without JavaScript
 * (the page is reached by a plain link, e.g. `?confirm=deactivate#deactivate-confirm`), unlike
 * window.confirm. Reached by such a link, the panel takes the focus: without JavaScript the
 * browser gives it to the fragment's target (it is focusable, tabindex -1); with JavaScript the
 * effect below does, as a client-side navigation only scrolls.
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
  const panel = useRef<HTMLDivElement>(null);
  const id = confirmAnchor(intent);
  const { hash } = useLocation();
  useEffect(() => {
    if (hash === `#${id}` && document.activeElement !== panel.current) panel.current?.focus();
  }, [hash, id]);
  return (
    <div
      ref={panel}
      id={id}
      tabIndex={-1}
      className={danger ? "confirm confirm--danger" : "confirm"}
      role="group"
      aria-labelledby={`confirm-${intent}`}
    >
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
