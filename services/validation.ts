import type { z } from "zod";
import { ValidationError } from "./errors.ts";

/**
 * Runs a service's zod schema over plain input (from JSON, or from a form after
 * app/form-data.server.ts) and turns zod's issues into a ValidationError that names
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
