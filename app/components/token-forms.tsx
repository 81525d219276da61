import { Link } from "@remix-run/react";
import type { FormState } from "#app/forms/state.ts";
import { When } from "./when.tsx";
import { confirmAnchor, ConfirmPanel } from "./confirm-panel.tsx";
import { CopyField } from "./copy-field.tsx";
import { describedBy, errorId, fieldId, hintId, PostForm, SubmitButton, TextField } from "./form.tsx";

type Option = { value: string; label: string };

/**
 * A group of checkboxes sharing one name (the form posts each checked value, the API takes a
 * list): a fieldset named by its legend, each box tied to the group's hint and error like a
 * TextField. The first box carries the field's id, so the summary's link and the focus after
 * a failed submit land on it.
 */
export function CheckboxGroupField({
  name,
  legend,
  options,
  state,
  defaultValue = [],
  hint,
}: {
  name: string;
  legend: string;
  options: Option[];
  state?: FormState | null;
  defaultValue?: string[];
  hint?: string;
}) {
  const error = state?.fieldErrors[name];
  // After a failed post, exactly what was ticked (possibly nothing), as the browser sent it.
  const checked = state ? [state.values[name] ?? []].flat() : defaultValue;
  return (
    <fieldset className={error ? "field field--invalid" : "field"}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={hintId(name)}>
          {hint}
        </p>
      ) : null}
      {options.map((option, index) => {
        const id = index === 0 ? fieldId(name) : `${fieldId(name)}-${option.value}`;
        return (
          <div className="checkbox" key={option.value}>
            <input
              type="checkbox"
              id={id}
              name={name}
              value={option.value}
              defaultChecked={checked.includes(option.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy(name, error, hint)}
            />
            <label htmlFor={id}>{option.label}</label>
          </div>
        );
      })}
      {error ? (
        <p className="field__error" id={errorId(name)}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export const SCOPE_OPTIONS: Option[] = [
  { value: "read", label: "Read" },
  { value: "write", label: "Write" },
];

/** Creating a token: the fields are the JSON keys the service's createTokenSchema takes. */
export function CreateTokenForm({ state }: { state?: FormState | null }) {
  return (
    <PostForm intent="create" state={state} className="stack">
      <TextField
        name="name"
        label="Name"
        hint="What will use it, e.g. “deploy script”."
        autoComplete="off"
        required
        maxLength={100}
        state={state}
      />
      <CheckboxGroupField
        name="scopes"
        legend="Scopes"
        hint="Read lets it look things up. Write lets it make changes too, and includes read."
        options={SCOPE_OPTIONS}
        defaultValue={["read"]}
        state={state}
      />
      <TextField
        name="expiresAt"
        label="Expires on (optional)"
        type="date"
        hint="It stops working at the start of that day (UTC). Leave empty for a token that does not expire."
        state={state}
      />
      <SubmitButton intent="create" pendingText="Creating…">
        Create token
      </SubmitButton>
    </PostForm>
  );
}

/**
 * The one and only time a secret is shown (the page after the create, read once from the
 * session): a read-only field, easy to select, with a Copy button when JavaScript runs.
 */
export function NewTokenSecret({ name, secret }: { name: string; secret: string }) {
  return (
    <section aria-labelledby="new-token-heading" className="card card--success">
      <h2 id="new-token-heading">Your new token “{name}”</h2>
      <CopyField
        id="new-token-secret"
        label="Token secret"
        value={secret}
        hint={
          <>
            Copy it now and keep it somewhere safe: it will not be shown again. Send it as <code>Authorization: Bearer</code> followed by the
            secret; the <a href="/api/docs">API documentation</a> says what it can do.
          </>
        }
      />
    </section>
  );
}

import type { TokenStatus } from "#services/tokens.ts";

export type { TokenStatus };

type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  lastUsedAt: Date | string | null;
  expiresAt: Date | string | null;
  status: TokenStatus;
  owner: { name: string; email: string };
};

const STATUS_LABELS: Record<TokenStatus, string> = { active: "Active", revoked: "Revoked", expired: "Expired" };

function WhenOrNever({ value }: { value: Date | string | null }) {
  return value ? <When value={value} /> : <>Never</>;
}

/**
 * Tokens with their revoke step: the "Revoke…" link leads to `?confirm=<id>`, where that
 * row alone shows the in-page confirmation (it works without JavaScript).
 */
export function TokenTable({
  caption,
  empty,
  tokens,
  showOwner = false,
  confirming,
  cancelTo,
  state,
}: {
  caption: string;
  empty: string;
  tokens: TokenRow[];
  showOwner?: boolean;
  confirming?: string | null;
  cancelTo: string;
  state?: FormState | null;
}) {
  if (tokens.length === 0) return <p className="muted">{empty}</p>;
  return (
    <table className="table table--cards">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          {showOwner ? <th scope="col">Owner</th> : null}
          <th scope="col">Prefix</th>
          <th scope="col">Scopes</th>
          <th scope="col">Last used</th>
          <th scope="col">Expires</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} className={token.status === "active" ? undefined : "row--inactive"}>
            <td className="table__lead">{token.name}</td>
            {showOwner ? (
              <td data-label="Owner">
                {token.owner.name} <span className="muted">{token.owner.email}</span>
              </td>
            ) : null}
            <td data-label="Prefix">
              <code>{token.prefix}…</code>
            </td>
            <td data-label="Scopes">{token.scopes.join(", ")}</td>
            <td data-label="Last used">
              <WhenOrNever value={token.lastUsedAt} />
            </td>
            <td data-label="Expires">
              <WhenOrNever value={token.expiresAt} />
            </td>
            <td data-label="Status">{STATUS_LABELS[token.status]}</td>
            <td className="table__actions">
              {token.status === "revoked" ? null : confirming === token.id ? (
                <ConfirmPanel
                  intent="revoke"
                  fields={{ tokenId: token.id }}
                  state={state}
                  submitText="Yes, revoke it"
                  pendingText="Revoking…"
                  cancelTo={cancelTo}
                  danger
                >
                  “{token.name}” stops working at once: whatever uses it gets 401 from then on. This cannot be undone.
                </ConfirmPanel>
              ) : (
                <Link to={`?confirm=${encodeURIComponent(token.id)}#${confirmAnchor("revoke")}`} className="button button--quiet button--small">
                  Revoke<span className="visually-hidden"> “{token.name}”</span>…
                </Link>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
