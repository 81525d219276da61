import type { HeadersFunction } from "@remix-run/node";
import { errorPageHeaders } from "#app/components/error-page.tsx";

/**
 * For pages whose loader may show something once (app/forms/reveal.server.ts): their loader's
 * Cache-Control reaches the document (Remix copies only what a `headers` function passes on),
 * besides what every page under the frame keeps (an error's Retry-After).
 */
export const revealingPageHeaders: HeadersFunction = (args) => {
  const headers = new Headers(errorPageHeaders(args) as HeadersInit);
  const cacheControl = args.loaderHeaders.get("Cache-Control");
  if (cacheControl) headers.set("Cache-Control", cacheControl);
  return headers;
};
