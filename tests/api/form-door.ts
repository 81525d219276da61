import { expect } from "vitest";
import { HTTP_ADMIN } from "#tests/support/http-server.ts";
import { baseUrl } from "./support.ts";

/**
 * The form door over real HTTP, for the parity tests: sign in through the login form and post
 * forms as a browser without JavaScript would.
 */
export async function signInByForm(credentials: { email: string; password: string } = HTTP_ADMIN) {
  const response = await fetch(`${baseUrl()}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(credentials),
  });
  expect(response.status).toBe(302);
  return response.headers.getSetCookie()[0]!.split(";")[0]!;
}

export function postForm(path: string, cookie: string, fields: Record<string, string>) {
  return fetch(`${baseUrl()}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    body: new URLSearchParams(fields),
  });
}

/** The message under each field in a re-rendered form, by field name. */
export function fieldErrorsIn(html: string) {
  const errors: Record<string, string> = {};
  for (const match of html.matchAll(/<p class="field__error" id="field-(\w+)-error">([^<]*)<\/p>/g)) {
    errors[match[1]!] = match[2]!.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  }
  return errors;
}
