import { useEffect, useState } from "react";
import type { Flash } from "#app/forms/flash.server.ts";

/**
 * The message the last action left behind, rendered on the server so it shows without JavaScript.
 * It floats over the foot of the window (styles.css `.flash`), so it never pushes the page down
 * when it comes or goes; the page reserves room beneath its end so nothing stays hidden behind
 * it. With JavaScript it can be dismissed; the button is only shown once it works.
 */
export function FlashMessage({ flash }: { flash: Flash | null }) {
  if (!flash) return null;
  // Another message shows anew, even after the one before was dismissed.
  return <FlashBox key={`${flash.kind}:${flash.message}`} flash={flash} />;
}

function FlashBox({ flash }: { flash: Flash }) {
  const [hydrated, setHydrated] = useState(false);
  const [dismissed, setDismissed] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (dismissed) return null;
  return (
    <div className={`flash flash--${flash.kind}`}>
      <p className="flash__text" role={flash.kind === "error" ? "alert" : "status"}>
        {flash.message}
      </p>
      {hydrated ? (
        <button type="button" className="button button--quiet flash__dismiss" onClick={() => setDismissed(true)}>
          Dismiss
        </button>
      ) : null}
    </div>
  );
}
