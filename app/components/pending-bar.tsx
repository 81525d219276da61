import { useNavigation } from "@remix-run/react";

/**
 * A thin bar across the top of the page while a navigation (a link followed, a form sent) waits
 * for the server, with JavaScript on; without it the browser shows its own. It appears only after
 * a short delay (the `pending-bar` animation in styles.css), so a quick navigation shows nothing.
 */
export function PendingBar() {
  const navigation = useNavigation();
  if (navigation.state === "idle") return null;
  return <div className="pending-bar" role="progressbar" aria-label="Loading the page" />;
}
