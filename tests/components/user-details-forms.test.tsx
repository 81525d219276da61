import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ConfirmPanel } from "#app/components/confirm-panel.tsx";
import { EditUserForm, SetPasswordForm } from "#app/components/user-forms.tsx";
import type { FormState } from "#app/forms/state.ts";
import {
  deferred,
  descriptionsOf,
  errorMessageOf,
  formState,
  renderPage,
  renderWithState,
  summaryLinks,
} from "./helpers.tsx";

const stored = { name: "Grace Hopper", role: "MEMBER" };

/** The admin part of app/routes/users.$id.tsx while confirming a deactivation. */
const page = (state: FormState | null) => (
  <>
    <section aria-labelledby="edit-heading">
      <h2 id="edit-heading">Name and role</h2>
      <EditUserForm user={stored} state={state} />
    </section>
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <SetPasswordForm state={state} />
    </section>
    <section aria-labelledby="access-heading">
      <h2 id="access-heading">Access</h2>
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
    </section>
  </>
);

const section = (name: string) => screen.getByRole("region", { name });
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const select = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;
const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;

describe("the edit-person form", () => {
  it("labels the name and role fields and shows the stored values", () => {
    renderPage(page);
    expect(input("Name").type).toBe("text");
    expect(input("Name").required).toBe(true);
    expect(input("Name").value).toBe("Grace Hopper");
    expect(select("Role").value).toBe("MEMBER");
  });

  it("ties a name error to the name field and lists it in its own summary", () => {
    renderWithState(
      page,
      formState({
        intent: "update",
        formError: "Please correct the highlighted fields.",
        fieldErrors: { name: "Enter a name." },
        values: { name: "", role: "MEMBER" },
      }),
    );
    expect(input("Name").getAttribute("aria-invalid")).toBe("true");
    expect(errorMessageOf(input("Name"))).toBe("Enter a name.");
    const summary = within(section("Name and role")).getByRole("alert");
    expect(summaryLinks(summary)).toEqual([["Enter a name.", "#field-name"]]);
  });

  it("puts the typed name and chosen role back over the stored ones", () => {
    renderWithState(
      page,
      formState({
        intent: "update",
        fieldErrors: { name: "Name must be at most 100 characters." },
        values: { name: "Grace Brewster Murray Hopper", role: "ADMIN" },
      }),
    );
    expect(input("Name").value).toBe("Grace Brewster Murray Hopper");
    expect(select("Role").value).toBe("ADMIN");
  });

  it("shows the stored values again when another form on the page failed", () => {
    renderWithState(
      page,
      formState({ intent: "set-password", fieldErrors: { password: "Enter a password." }, values: {} }),
    );
    expect(input("Name").value).toBe("Grace Hopper");
    expect(select("Role").value).toBe("MEMBER");
    expect(input("Name").getAttribute("aria-invalid")).toBeNull();
  });
});

describe("the set-password form", () => {
  it("labels the new password as a new password", () => {
    renderPage(page);
    expect(input("New password").type).toBe("password");
    expect(input("New password").autocomplete).toBe("new-password");
    expect(input("New password").required).toBe(true);
    expect(descriptionsOf(input("New password"))).toEqual([
      "At least 12 characters. Their sessions end, so they sign in again with it.",
    ]);
  });

  it("ties a password error to the field, keeps the field empty and lists it in its own summary", () => {
    renderWithState(
      page,
      formState({
        intent: "set-password",
        formError: "Please correct the highlighted fields.",
        fieldErrors: { password: "Password must be at least 12 characters." },
        values: {},
      }),
    );
    expect(input("New password").getAttribute("aria-invalid")).toBe("true");
    expect(errorMessageOf(input("New password"))).toBe("Password must be at least 12 characters.");
    expect(input("New password").value).toBe("");
    const summary = within(section("Password")).getByRole("alert");
    expect(summaryLinks(summary)).toEqual([["Password must be at least 12 characters.", "#field-password"]]);
  });
});

describe("the forms on the person page together", () => {
  it("shows the error summary only in the form that was sent", () => {
    renderWithState(
      page,
      formState({ intent: "set-password", fieldErrors: { password: "Enter a password." }, values: {} }),
    );
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    expect(within(section("Password")).getByRole("alert")).toBeTruthy();
    expect(within(section("Name and role")).queryByRole("alert")).toBeNull();
    expect(within(section("Access")).queryByRole("alert")).toBeNull();
  });

  it("makes only the button of the submitted form pending, then returns it to normal", async () => {
    const result = deferred<FormState | null>();
    const { user } = renderPage(page, () => result.promise);
    await user.type(input("New password"), "correct horse battery");
    await user.click(button("Set password"));

    expect((await screen.findByRole("button", { name: "Setting…" })).hasAttribute("disabled")).toBe(true);
    expect(button("Save changes").disabled).toBe(false);
    expect(button("Yes, deactivate Grace Hopper").disabled).toBe(false);
    expect(screen.queryByRole("button", { name: "Saving…" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Deactivating…" })).toBeNull();

    result.resolve(null);
    expect(((await screen.findByRole("button", { name: "Set password" })) as HTMLButtonElement).disabled).toBe(false);
  });

  it("says it is saving on the save button only while the edit is sent", async () => {
    const result = deferred<FormState | null>();
    const { user } = renderPage(page, () => result.promise);
    await user.click(button("Save changes"));

    expect((await screen.findByRole("button", { name: "Saving…" })).hasAttribute("disabled")).toBe(true);
    expect(button("Set password").disabled).toBe(false);
    expect(button("Yes, deactivate Grace Hopper").disabled).toBe(false);

    result.resolve(null);
    expect(((await screen.findByRole("button", { name: "Save changes" })) as HTMLButtonElement).disabled).toBe(false);
  });

  it("says it is deactivating on the confirm button only while the deactivation is sent", async () => {
    const result = deferred<FormState | null>();
    const { user } = renderPage(page, () => result.promise);
    await user.click(button("Yes, deactivate Grace Hopper"));

    expect((await screen.findByRole("button", { name: "Deactivating…" })).hasAttribute("disabled")).toBe(true);
    expect(button("Save changes").disabled).toBe(false);
    expect(button("Set password").disabled).toBe(false);

    result.resolve(null);
    expect(
      ((await screen.findByRole("button", { name: "Yes, deactivate Grace Hopper" })) as HTMLButtonElement).disabled,
    ).toBe(false);
  });

  it("moves focus to the new password field when setting the password failed", async () => {
    const { user } = renderPage(page, () =>
      formState({ intent: "set-password", fieldErrors: { password: "Enter a password." }, values: {} }),
    );
    await user.click(button("Set password"));
    await waitFor(() => expect(document.activeElement).toBe(input("New password")));
  });

  it("moves focus to the name field when saving the edit failed", async () => {
    const { user } = renderPage(page, () =>
      formState({ intent: "update", fieldErrors: { name: "Enter a name." }, values: { name: "", role: "MEMBER" } }),
    );
    await user.clear(input("Name"));
    await user.click(button("Save changes"));
    await waitFor(() => expect(document.activeElement).toBe(input("Name")));
  });
});
