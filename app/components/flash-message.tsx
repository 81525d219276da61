import type { Flash } from "#app/forms/flash.server.ts";

/** The message the last action left behind, rendered on the server so it shows without JavaScript. */
export function FlashMessage({ flash }: { flash: Flash | null }) {
  if (!flash) return null;
  return (
    <div className={`flash flash--${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
      {flash.message}
    </div>
  );
}
