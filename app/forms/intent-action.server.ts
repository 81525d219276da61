import { data, redirect, type ActionFunctionArgs, type AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { PreconditionFailedError } from "#services/errors.ts";
import { redirectWithFlash } from "./flash.server.ts";
import { formInput, readFormData } from "./data.server.ts";
import { formErrorResponse, inlineErrorResponse } from "./errors.server.ts";
import type { FormState } from "./state.ts";
import { requireSignedIn, type SignedIn } from "./session.server.ts";

/**
 * The form door's one action shape: a page action is a table of intents (the `intent` field says
 * which form was sent), each one call to one service that says where to go next. Everything around
 * that call is done here, once: reading the form within the body limit, who is signed in, turning a
 * refusal into the re-rendered form or the error page, the flash message and the redirect, and the
 * answer to an intent the page does not have.
 */
export type Submission = {
  request: Request;
  params: Params;
  context: AppLoadContext;
  form: FormData;
  /** The form as a service takes it: empty fields absent, `intent` left out (formInput). */
  input: Record<string, string | string[]>;
};

export type SignedInSubmission = Submission & SignedIn;

/** What an intent did: where to go, with a success message for the next page, or a state to show here. */
export type Outcome<Shown> = { redirect: string; flash?: string; headers?: HeadersInit } | { show: Shown; headers?: HeadersInit };

type Intent<S, Shown> = (submission: S) => Promise<Outcome<Shown>>;

type Options<S, State> = {
  /** Fetcher forms inside a list: 403 and 404 come back as the form's message, so the row can say why. */
  inline?: boolean;
  /**
   * After a stale version: the record as it is stored now, shown beside what the person typed
   * (409). Given the refusal (an EditConflictError says which fields clash); `values` it returns
   * replace those typed (a merge puts the other person's kept changes into the form).
   */
  conflict?: (submission: S, error: PreconditionFailedError) => Promise<Omit<State, keyof FormState> & Partial<Pick<FormState, "values">>>;
};

/** What the page's `useActionData` sees: the form's state after a refusal, or what an intent shows. */
type Answer<State, Shown> = Promise<ReturnType<typeof data<State | Shown>> | ReturnType<typeof redirect>>;

/** A page action for signed-in people. A page with one form may leave out the `intent` field. */
export function intentAction<Shown = never, State extends FormState = FormState>(
  intents: Record<string, Intent<SignedInSubmission, Shown>>,
  options: Options<SignedInSubmission, State> = {},
): (args: ActionFunctionArgs) => Answer<State, Shown> {
  return build(intents, options, async (args) => requireSignedIn(args.request));
}

/** A page action anyone may post to (signing in). */
export function publicIntentAction<Shown = never>(intents: Record<string, Intent<Submission, Shown>>): (args: ActionFunctionArgs) => Answer<FormState, Shown> {
  return build(intents, {}, async () => ({}));
}

function build<S extends Submission, Extra, Shown, State>(
  intents: Record<string, Intent<S, Shown>>,
  options: Options<S, State>,
  who: (args: ActionFunctionArgs) => Promise<Extra>,
): (args: ActionFunctionArgs) => Answer<State, Shown> {
  const names = Object.keys(intents);
  return async (args: ActionFunctionArgs) => {
    const extra = await who(args);
    const form = await readFormData(args.request);
    const sent = form.get("intent");
    const name = typeof sent === "string" ? sent : names.length === 1 ? names[0]! : null;
    if (name === null || !Object.hasOwn(intents, name)) {
      throw data("This form is not one this page knows, so nothing was saved. Reload the page and try again.", { status: 400 });
    }
    const submission = { ...args, ...extra, form, input: formInput(form) } as unknown as S;
    const intent = typeof sent === "string" ? sent : undefined;
    let outcome: Outcome<Shown>;
    try {
      outcome = await intents[name]!(submission);
    } catch (error) {
      if (error instanceof PreconditionFailedError && options.conflict) {
        const { data: state, init } = formErrorResponse(error, form, intent);
        const shown = await options.conflict(submission, error);
        return data({ ...state, ...shown, values: { ...state.values, ...shown.values } } as State, init ?? { status: 409 });
      }
      const refused = options.inline ? inlineErrorResponse(error, form, intent) : formErrorResponse(error, form, intent);
      return refused as ReturnType<typeof data<State>>;
    }
    if ("show" in outcome) return data(outcome.show, { headers: outcome.headers });
    if (outcome.flash === undefined) return redirect(outcome.redirect, { headers: outcome.headers });
    return redirectWithFlash(outcome.redirect, { kind: "success", message: outcome.flash }, { headers: outcome.headers });
  };
}
