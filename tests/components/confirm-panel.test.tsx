import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ConfirmPanel } from "#app/components/confirm-panel.tsx";
import type { FormState } from "#app/forms/state.ts";
import { deferred, formState, renderPage, renderWithState } from "./helpers.tsx";

const page = (state: FormState | null) => (
  <ConfirmPanel
    intent="deactivate"
    state={state}
    submitText="Yes, deactivate Grace Hopper"
    pendingText="Deactivating…"
    cancelTo="/users/u1"
    danger
  >
    Grace Hopper will be signed out everywhere at once.
  </ConfirmPanel>
);

describe("the confirmation panel", () => {
  it("is a group named by its explanation, with a confirm button and a cancel link", () => {
    renderPage(page);
    const group = screen.getByRole("group", { name: "Grace Hopper will be signed out everywhere at once." });
    expect((within(group).getByRole("button", { name: "Yes, deactivate Grace Hopper" }) as HTMLButtonElement).type).toBe(
      "submit",
    );
    expect(within(group).getByRole("link", { name: "Cancel" }).getAttribute("href")).toBe("/users/u1");
  });

  it("sends its intent with the form", () => {
    renderPage(page);
    const form = screen.getByRole("button", { name: "Yes, deactivate Grace Hopper" }).closest("form")!;
    expect(new FormData(form).get("intent")).toBe("deactivate");
    expect(form.method).toBe("post");
  });

  it("has no cancel link when there is nowhere to go back to", () => {
    renderPage(() => (
      <ConfirmPanel intent="reactivate" submitText="Reactivate" pendingText="Reactivating…">
        Grace Hopper cannot sign in.
      </ConfirmPanel>
    ));
    expect(screen.queryByRole("link", { name: "Cancel" })).toBeNull();
  });

  it("shows a failure of its own intent in a summary", () => {
    renderWithState(page, formState({ intent: "deactivate", formError: "You cannot deactivate the last admin." }));
    expect(within(screen.getByRole("alert")).getByText("You cannot deactivate the last admin.")).toBeTruthy();
  });

  it("ignores a failure of another form's intent", () => {
    renderWithState(page, formState({ intent: "update", formError: "Please correct the highlighted fields." }));
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("disables its button and says it is working while the confirmation is sent", async () => {
    const result = deferred<FormState | null>();
    const { user } = renderPage(page, () => result.promise);
    await user.click(screen.getByRole("button", { name: "Yes, deactivate Grace Hopper" }));

    expect((await screen.findByRole("button", { name: "Deactivating…" })).hasAttribute("disabled")).toBe(true);

    result.resolve(null);
    const button = await screen.findByRole("button", { name: "Yes, deactivate Grace Hopper" });
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it("moves focus to the summary when the confirmation failed, as it has no fields", async () => {
    const { user } = renderPage(page, () =>
      formState({ intent: "deactivate", formError: "You cannot deactivate the last admin." }),
    );
    await user.click(screen.getByRole("button", { name: "Yes, deactivate Grace Hopper" }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("alert")));
  });
});
