import { useSyncExternalStore } from "react";

const never = () => () => {};

/**
 * False on the server and in the first render in the browser, true once React has taken over the
 * page: for controls that only make sense with JavaScript (a select that saves on change) and
 * their plain-form fallbacks (its button).
 */
export function useHydrated() {
  return useSyncExternalStore(
    never,
    () => true,
    () => false,
  );
}
