import { createCookie, redirect, type Cookie } from "@remix-run/node";
import { sharedSecret } from "#services/secrets.ts";
import { shortTitle } from "#app/components/short-title.ts";

export type Flash = { kind: "success" | "error"; message: string };

/**
 * Post/Redirect/Get with a message: the action sets a short-lived signed cookie, the next
 * page's root loader reads and clears it, and the server renders it, so it shows without
 * JavaScript. The redirect may land on another instance, so the signing key is one they all
 * share: SESSION_SECRET when set, else a random one made once and kept in the database
 * (services/secrets.ts). Made on first use, then kept: it never changes.
 */
let cookie: Promise<Cookie> | undefined;

function flashCookie(): Promise<Cookie> {
  if (!cookie) {
    cookie = (async () =>
      createCookie("tandem_flash", {
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        maxAge: 60,
        secrets: [process.env.SESSION_SECRET ?? (await sharedSecret("flash-cookie"))],
      }))();
    // A failed first try (the database was down) is not kept: the next request tries again.
    cookie.catch(() => (cookie = undefined));
  }
  return cookie;
}

export async function redirectWithFlash(to: string, flash: Flash, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await (await flashCookie()).serialize(flash));
  return redirect(to, { headers });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: Headers }> {
  const cookieHeader = request.headers.get("Cookie");
  // Most pages arrive without a flash: they need neither the key nor the database.
  if (!cookieHeader?.includes("tandem_flash=")) return { flash: null, headers: new Headers() };
  const flash = await flashCookie();
  const value = await flash.parse(cookieHeader);
  const headers = new Headers();
  if (!isFlash(value)) return { flash: null, headers };
  headers.append("Set-Cookie", await flash.serialize("", { maxAge: 0 }));
  return { flash: value, headers };
}

function isFlash(value: unknown): value is Flash {
  return (
    typeof value === "object" &&
    value !== null &&
    "message" in value &&
    typeof value.message === "string" &&
    "kind" in value &&
    (value.kind === "success" || value.kind === "error")
  );
}

/**
 * A title (or another name a person typed) quoted for a flash message, shortened by shortTitle
 * (about 60 characters, at a word, with an ellipsis): the message confirms which task it was, the
 * page beneath shows the whole title.
 */
export function quoteTitle(title: string) {
  return `“${shortTitle(title.trim())}”`;
}
