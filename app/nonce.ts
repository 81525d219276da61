import { createContext, useContext } from "react";

/**
 * The per-response CSP nonce. entry.server.tsx provides it around <RemixServer>; root.tsx's
 * Layout passes it to <Scripts> and <ScrollRestoration> so that their inline scripts may run.
 * In the browser nothing provides it and nothing needs it: the inline scripts already ran,
 * and hydration ignores the attribute (browsers hide a nonce from the DOM anyway).
 */
export const NonceContext = createContext("");

export function useNonce() {
  return useContext(NonceContext);
}
