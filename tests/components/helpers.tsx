import { useActionData } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { FormState } from "#app/forms/state.ts";

type Action = () => Promise<FormState | null> | FormState | null;

/**
 * Renders a page body inside a Remix stub route at "/" whose action the test supplies,
 * so Form, useNavigation and useActionData work as they do in the app. The page gets
 * the action data as `state`, as the real routes pass it on.
 */
export function renderPage(page: (state: FormState | null) => ReactNode, action: Action = () => null) {
  function Page() {
    const state = (useActionData() as FormState | null | undefined) ?? null;
    return <>{page(state)}</>;
  }
  const RemixStub = createRemixStub([{ path: "/", Component: Page, action: async () => action() }]);
  const user = userEvent.setup();
  return { user, ...render(<RemixStub future={{ v3_singleFetch: true }} />) };
}

/** Renders a form as it is shown again after a failed post (or without JavaScript). */
export function renderWithState(page: (state: FormState | null) => ReactNode, state: FormState | null) {
  return renderPage(() => page(state));
}

/** An action result the test releases when it wants: lets it look at the pending state. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

export function formState(partial: Partial<FormState>): FormState {
  return { fieldErrors: {}, values: {}, ...partial };
}

/** The text of the last element named by aria-describedby: the error, which follows any hint. */
export function errorMessageOf(element: HTMLElement) {
  const ids = element.getAttribute("aria-describedby")?.split(" ") ?? [];
  const last = ids.at(-1);
  return last ? (document.getElementById(last)?.textContent ?? null) : null;
}

/** Every text the element's aria-describedby points at, in order. */
export function descriptionsOf(element: HTMLElement) {
  const ids = element.getAttribute("aria-describedby")?.split(" ") ?? [];
  return ids.map((id) => document.getElementById(id)?.textContent ?? null);
}

/** The summary's entries as [message, href] pairs. */
export function summaryLinks(summary: HTMLElement) {
  return Array.from(summary.querySelectorAll("a")).map((link) => [link.textContent, link.getAttribute("href")]);
}
