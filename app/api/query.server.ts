import { z } from "zod";
import { ValidationError } from "#services/errors.ts";
import { parseInput } from "#services/validation.ts";
import { badRequest } from "./problem.server.ts";

/**
 * A service's filter schema applied to the query string: each of the schema's keys is read
 * once (an empty value counts as absent, as from a form's empty field; a repeated one is 400),
 * then parsed by that very schema. A value the schema refuses is 400, not 422: the query is part
 * of the URL a client asked for, and 422 means a body that breaks the rules (docs/design.md §4).
 * Other query parameters (limit, cursor: see pageQuery) are left alone.
 */
export function queryInput<Schema extends z.ZodObject>(request: Request, schema: Schema): z.output<Schema> {
  const params = new URL(request.url).searchParams;
  const input: Record<string, string> = {};
  for (const name of Object.keys(schema.shape)) {
    const values = params.getAll(name);
    if (values.length > 1) throw badRequest(`Give ${name} at most once.`);
    if (values[0]) input[name] = values[0];
  }
  try {
    return parseInput(schema, input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw badRequest(error.issues.map((issue) => `Query parameter ${issue.field}: ${issue.message}${valuesTaken(schema, issue.field)}`).join(" "));
  }
}

/**
 * The values a parameter takes, when it takes a fixed few: the services word their messages for
 * people on the filter form ("Status must be To do, In progress or Done."), and a program needs
 * the values to send as well (" Send one of: TODO, IN_PROGRESS, DONE.").
 */
function valuesTaken(schema: z.ZodObject, field: string) {
  const shape = schema.shape[field];
  const inner = shape instanceof z.ZodOptional ? shape.unwrap() : shape;
  return inner instanceof z.ZodEnum ? ` Send one of: ${inner.options.join(", ")}.` : "";
}
