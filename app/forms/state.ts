/** What an action sends back when a form must be shown again. Shared by actions and components. */
export type FormState = {
  /** Which form on the page failed (routes with several forms tell them apart by intent). */
  intent?: string;
  /** A message about the whole form, shown in the summary. */
  formError?: string;
  /** One message per field name; the field names equal the JSON keys of the API. */
  fieldErrors: Record<string, string>;
  /** What the person typed, passwords removed, to put back in the fields; a list for repeated fields (checkboxes). */
  values: Record<string, string | string[]>;
};

export function isFormState(value: unknown): value is FormState {
  return typeof value === "object" && value !== null && "fieldErrors" in value && "values" in value;
}
