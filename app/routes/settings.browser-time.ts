import { setTimePreferenceFromBrowser } from "#services/time-preferences.ts";
import { intentAction } from "#app/forms/intent-action.server.ts";

/**
 * POST only: the browser's zone and language for a person who has no time preference yet
 * (app/components/browser-time.tsx sends them with a fetcher). The service stores them only in
 * fields still empty, so a person's own choice in Settings always wins.
 */
export const action = intentAction({
  "browser-default": async ({ actor, input }) => ({ show: { stored: await setTimePreferenceFromBrowser(actor, input) } }),
});
