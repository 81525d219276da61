import { Form, useFormAction, useNavigation } from "@remix-run/react";
import { useEffect, useRef, type ComponentProps, type ReactNode } from "react";
import type { FormState } from "#app/forms/state.ts";

export const fieldId = (name: string) => `field-${name}`;
export const errorId = (name: string) => `field-${name}-error`;
export const hintId = (name: string) => `field-${name}-hint`;

type FieldProps = {
  name: string;
  label: string;
  state?: FormState | null;
  defaultValue?: string;
  hint?: string;
};

export function describedBy(name: string, error?: string, hint?: string) {
  return [hint ? hintId(name) : null, error ? errorId(name) : null].filter(Boolean).join(" ") || undefined;
}

function FieldShell({ name, label, hint, error, children }: { name: string; label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <div className={error ? "field field--invalid" : "field"}>
      <label htmlFor={fieldId(name)}>{label}</label>
      {hint ? (
        <p className="field__hint" id={hintId(name)}>
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p className="field__error" id={errorId(name)}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose error is tied to it (aria-invalid, aria-describedby). */
export function TextField({
  name,
  label,
  state,
  defaultValue,
  hint,
  ...input
}: FieldProps & Omit<ComponentProps<"input">, "name" | "id" | "defaultValue">) {
  const error = state?.fieldErrors[name];
  const kept = state?.values[name];
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <input
        {...input}
        id={fieldId(name)}
        name={name}
        // A re-render after an error shows what the person typed, not the stored value;
        // a password is never put back.
        defaultValue={input.type === "password" ? undefined : (kept ?? defaultValue)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
      />
    </FieldShell>
  );
}

/** A labelled multi-line text field, tied to its error like a TextField. */
export function TextAreaField({
  name,
  label,
  state,
  defaultValue,
  hint,
  ...textarea
}: FieldProps & Omit<ComponentProps<"textarea">, "name" | "id" | "defaultValue">) {
  const error = state?.fieldErrors[name];
  const kept = state?.values[name];
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <textarea
        {...textarea}
        id={fieldId(name)}
        name={name}
        defaultValue={kept ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
      />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  state,
  defaultValue,
  hint,
  options,
}: FieldProps & { options: { value: string; label: string }[] }) {
  const error = state?.fieldErrors[name];
  return (
    <FieldShell name={name} label={label} hint={hint} error={error}>
      <select
        id={fieldId(name)}
        name={name}
        defaultValue={state?.values[name] ?? defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/**
 * The list of what went wrong, at the top of the form, each entry linking to its field. It takes
 * focus when it appears (autofocus), so without JavaScript too a failed submit lands a keyboard
 * or screen-reader user on what went wrong rather than at the top of the page.
 */
export function ErrorSummary({ state }: { state?: FormState | null }) {
  if (!state || (!state.formError && Object.keys(state.fieldErrors).length === 0)) return null;
  const fields = Object.entries(state.fieldErrors).filter(([field]) => field !== "form");
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} autoFocus>
      <h2 id="error-summary-title">There is a problem</h2>
      {state.formError ? <p>{state.formError}</p> : null}
      {fields.length > 0 ? (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>
              <a href={`#${fieldId(field)}`}>{message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A post form that shows its error summary and, with JavaScript, moves focus to the first
 * invalid field after a failed submit. `state` is ignored unless it belongs to this intent.
 */
export function PostForm({
  intent,
  state,
  children,
  ...form
}: { intent?: string; state?: FormState | null; children: ReactNode } & Omit<ComponentProps<typeof Form>, "method">) {
  const ref = useRef<HTMLFormElement>(null);
  const own = state && (state.intent ?? undefined) === intent ? state : null;
  useEffect(() => {
    if (!own) return;
    // Without JavaScript the re-rendered page has empty password fields; match that, so a
    // password is never left sitting in a form that failed.
    ref.current?.querySelectorAll<HTMLInputElement>('input[type="password"]').forEach((input) => {
      input.value = "";
    });
    const target = ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      ref.current?.querySelector<HTMLElement>(".error-summary");
    target?.focus();
  }, [own]);
  return (
    <Form method="post" ref={ref} noValidate {...form}>
      <ErrorSummary state={own} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      {children}
    </Form>
  );
}

/** A submit button that says it is working while its form is being sent. */
export function SubmitButton({
  children,
  pendingText,
  intent,
  className = "button",
}: {
  children: ReactNode;
  pendingText: string;
  intent?: string;
  className?: string;
}) {
  const navigation = useNavigation();
  const formAction = useFormAction();
  // Pending only for this page's own form (not, say, the layout's sign-out) and this intent.
  const pending =
    navigation.state === "submitting" &&
    navigation.formAction === formAction &&
    (intent === undefined || navigation.formData?.get("intent") === intent);
  return (
    <button type="submit" className={className} disabled={pending} aria-disabled={pending || undefined}>
      {pending ? pendingText : children}
    </button>
  );
}
