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
