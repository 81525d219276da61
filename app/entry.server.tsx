import { randomBytes } from "node:crypto";
import { Transform } from "node:stream";
import { createReadableStreamFromReadable, type EntryContext, type HandleDataRequestFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceContext } from "./nonce.ts";
import { htmlSecurityHeaders, securityHeaders } from "./security-headers.server.ts";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  // Bots and crawlers get the whole page at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  // A fresh nonce per response: the CSP header allows inline scripts carrying it, and only those.
  // React puts it on its own streaming scripts, RemixServer on the streamed single-fetch data,
  // and root.tsx (via the context) on <Scripts> and <ScrollRestoration>.
  const nonce = randomBytes(16).toString("base64");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = withoutReactPadding();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          htmlSecurityHeaders(request, responseHeaders, nonce);
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

/**
 * React 18.3's streaming renderer flushes its whole 2048-byte buffer when a multi-byte character
 * does not fit at its end, unwritten bytes included (facebook/react#26228, fixed in React 19): one
 * to three NUL bytes in the page, which show as garbage and make tools read the HTML as binary.
 * A page never ends a buffer with NUL of its own, so those are dropped.
 */
function withoutReactPadding() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length;
      if (chunk.length === 2048) while (end > chunk.length - 3 && chunk[end - 1] === 0) end--;
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end));
    },
  });
}

/**
 * Single-fetch `.data` responses get the same headers as pages, but not the page policy: they are
 * not HTML and run no scripts, so their CSP allows nothing at all.
 */
export const handleDataRequest: HandleDataRequestFunction = (response, { request }) => {
  securityHeaders(request, response.headers);
  response.headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
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
