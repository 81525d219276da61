import { randomBytes } from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";

export type Flash = { kind: "success" | "error"; message: string };

/**
 * Post/Redirect/Get with a message: the action sets a short-lived signed cookie, the next
 * page's root loader reads and clears it, and the server renders it, so it shows without
 * JavaScript. Without SESSION_SECRET a per-process secret is used: a flash only has to
 * survive one redirect.
 */
const flashCookie = createCookie("tandem_flash", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60,
  secrets: [process.env.SESSION_SECRET ?? randomBytes(32).toString("hex")],
});

export async function redirectWithFlash(to: string, flash: Flash, init: { headers?: HeadersInit } = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie.serialize(flash));
  return redirect(to, { headers });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: Headers }> {
  const value = await flashCookie.parse(request.headers.get("Cookie"));
  const headers = new Headers();
  if (!isFlash(value)) return { flash: null, headers };
  headers.append("Set-Cookie", await flashCookie.serialize("", { maxAge: 0 }));
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
