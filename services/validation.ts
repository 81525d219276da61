import type { z } from "zod";
import { ValidationError } from "./errors.ts";

/**
 * Whether a string is text: well-formed UTF-16, with no unpaired surrogate (what
 * `String.prototype.isWellFormed` says, which TypeScript's ES2023 library does not declare). JSON
 * can spell half a pair (`"\ud800"`); it is valid JSON, but no database stores it as text (SQLite
 * kept invalid bytes, PostgreSQL refused them with a 500). A form or a query string cannot carry
 * one: their bad bytes decode to U+FFFD. Every string schema of the services checks it:
 * `.refine(isText, notText("The title"))`.
 */
export function isText(value: string) {
  return !/\p{Surrogate}/u.test(value);
}

export const notText = (what: string) => `${what} must be text (it holds an unpaired surrogate).`;

/**
 * Runs a service's zod schema over plain input (from JSON, or from a form after
 * app/forms/data.server.ts) and turns zod's issues into a ValidationError that names
 * each field, so both doors show the same messages.
 */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join(".") || "form",
    message: issue.message,
  }));
  throw new ValidationError(issues);
}
