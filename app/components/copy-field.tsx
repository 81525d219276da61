import { useEffect, useRef, useState, type ReactNode } from "react";

/**
 * Something to copy once (a token's secret, a one-time link): a read-only field one can select
 * without JavaScript; with it, the field takes the focus and selects itself, and a Copy button
 * puts the text on the clipboard and says "Copied" (the button only appears once it can work).
 * Not a form field (no name), so no later post can send it.
 */
export function CopyField({ id, label, hint, value }: { id: string; label: string; hint: ReactNode; value: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const [canCopy, setCanCopy] = useState(false);
  const [copied, setCopied] = useState<"no" | "yes" | "failed">("no");
  useEffect(() => {
    ref.current?.focus();
    setCanCopy(typeof navigator !== "undefined" && Boolean(navigator.clipboard));
    setCopied("no");
  }, [value]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      // Refused (no permission, an insecure origin): the field stays selectable.
      setCopied("failed");
      ref.current?.focus();
    }
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <div className="copy-field">
        <input
          ref={ref}
          id={id}
          className="secret"
          type="text"
          readOnly
          value={value}
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          onFocus={(event) => event.currentTarget.select()}
        />
        {canCopy ? (
          <button type="button" className="button button--quiet" onClick={copy}>
            {copied === "yes" ? "Copied" : "Copy"}
          </button>
        ) : null}
      </div>
      <p className="copy-field__status" aria-live="polite">
        {copied === "yes" ? "Copied to the clipboard." : copied === "failed" ? "Could not copy: select the text and copy it." : ""}
      </p>
    </div>
  );
}
