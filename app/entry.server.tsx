import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext, type HandleDataRequestFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { securityHeaders } from "./security-headers.server";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // Bots and crawlers get the whole page at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <RemixServer context={remixContext} url={request.url} />,
      {
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          securityHeaders(request, responseHeaders);
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Errors before the shell are reported by onShellError; later ones only matter once.
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}

/** Single-fetch `.data` responses get the same headers as pages. */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  securityHeaders(request, response.headers);
  return response;
};

export function handleError(error: unknown, { request }: { request: Request }) {
  // A client that went away, or a page that does not exist, is not a server error.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  // Remix refuses a cross-site action (Origin differs from Host) by throwing; that is an
  // attack turned away, worth one line in the log, not a stack trace.
  if (error instanceof Error && error.message.includes("does not match `origin` header")) {
    console.warn(`Refused a cross-site ${request.method} to ${new URL(request.url).pathname} from Origin ${request.headers.get("origin")}`);
    return;
  }
  console.error(error);
}
