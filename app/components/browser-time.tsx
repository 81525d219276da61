import { useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";

/** Where the browser's zone and language are posted: the settings page's `browser-default` intent. */
const BROWSER_TIME_ACTION = "/settings";
export const BROWSER_TIME_INTENT = "browser-default";

/**
 * For a person with no time zone yet: once hydrated, posts the browser's zone and language (one
 * fetcher, once per page load), and the pages' loaders run again with them. A script in the built
 * bundle, not an inline one, so the CSP stays as strict as it is. Without JavaScript nothing is
 * sent and pages stay in UTC.
 */
export function BrowserTimeDefault({ needed }: { needed: boolean }) {
  const fetcher = useFetcher();
  const sent = useRef(false);
  useEffect(() => {
    if (!needed || sent.current) return;
    sent.current = true;
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    fetcher.submit({ intent: BROWSER_TIME_INTENT, timeZone, language: navigator.language }, { method: "post", action: BROWSER_TIME_ACTION });
  }, [needed, fetcher]);
  return null;
}
