import { data } from "@remix-run/node";
import { BODY_LIMIT_BYTES, BodyTooLargeError, readBodyWithin } from "#app/body-limit.server.ts";

/**
 * A page action's form, read within the body limit both doors share (docs/design.md §6): a form
 * over it gets the 413 error page instead of being read whole (and echoed back into the page).
 * Every action reads its form through here, never with `request.formData()`.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let bytes: Buffer;
  try {
    bytes = await readBodyWithin(request);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    throw data(`The form was larger than ${Math.floor(BODY_LIMIT_BYTES / 1024)} KiB, so nothing was saved. Shorten it and send it again.`, {
      status: 413,
    });
  }
  const type = request.headers.get("content-type") ?? "";
  const kind = type.split(";")[0]!.trim().toLowerCase();
  if (kind !== "application/x-www-form-urlencoded" && kind !== "multipart/form-data") {
    // A body a browser's form never sends (JSON, text/plain): refused, not a crash in the parser.
    if (bytes.byteLength > 0 || kind !== "") {
      throw data("This address takes a form (application/x-www-form-urlencoded), so nothing was saved.", { status: 415 });
    }
    return new FormData();
  }
  try {
    return await new Response(new Uint8Array(bytes), { headers: { "Content-Type": type } }).formData();
  } catch {
    throw data("The form could not be read, so nothing was saved. Send it again.", { status: 400 });
  }
}

/**
 * The one step that turns a form post into the plain input a service takes, the same
 * shape the API's JSON gives it: empty fields are absent, repeated fields become arrays,
 * `intent` (which form was sent) is not input. The service's zod schema does the rest.
 */
export function formInput(formData: FormData): Record<string, string | string[]> {
  const input: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key === "intent") continue;
    const values = formData
      .getAll(key)
      .filter((value): value is string => typeof value === "string" && value !== "");
    if (values.length === 1) input[key] = values[0]!;
    else if (values.length > 1) input[key] = values;
  }
  return input;
}

const SECRET_FIELD = /password/i;

/**
 * The typed values to put back into a re-rendered form; secrets are never sent back.
 * A repeated field (a group of checkboxes) keeps every value, as a list.
 */
export function keptValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key === "intent" || SECRET_FIELD.test(key)) continue;
    const all = formData.getAll(key).filter((value): value is string => typeof value === "string");
    if (all.length === 1) values[key] = all[0]!;
    else if (all.length > 1) values[key] = all;
  }
  return values;
}
