import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ChangePasswordForm, SignOutEverywhereForm } from "#app/components/settings-forms.tsx";
import type { FormState } from "#app/forms/state.ts";
import { deferred, descriptionsOf, errorMessageOf, formState, renderPage, renderWithState, summaryLinks } from "./helpers.tsx";

/** The two forms of app/routes/settings.tsx. */
const page = (state: FormState | null) => (
  <>
    <section aria-labelledby="password-heading">
      <h2 id="password-heading">Change your password</h2>
      <ChangePasswordForm email="me@example.com" state={state} />
    </section>
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Sessions</h2>
      <SignOutEverywhereForm state={state} />
    </section>
  </>
);

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const button = (name: string) => screen.getByRole("button", { name }) as HTMLButtonElement;

describe("the change-password form", () => {
  it("labels the current and new password with the autocomplete password managers expect", () => {
    renderPage(page);
    expect(input("Current password").type).toBe("password");
    expect(input("Current password").autocomplete).toBe("current-password");
    expect(input("New password").type).toBe("password");
    expect(input("New password").autocomplete).toBe("new-password");
    expect(descriptionsOf(input("New password"))).toEqual([
      "At least 12 characters. Your other sessions will be signed out.",
    ]);
  });

  it("ties a wrong current password to its field and lists it in the summary", () => {
    renderWithState(
      page,
      formState({
        intent: "change-password",
        formError: "Please correct the highlighted fields.",
        fieldErrors: { currentPassword: "Your current password is not correct." },
        values: { username: "me@example.com" },
      }),
    );
    expect(input("Current password").getAttribute("aria-invalid")).toBe("true");
    expect(errorMessageOf(input("Current password"))).toBe("Your current password is not correct.");
    expect(input("New password").getAttribute("aria-invalid")).toBeNull();
    const summary = screen.getByRole("alert");
    expect(summaryLinks(summary)).toEqual([["Your current password is not correct.", "#field-currentPassword"]]);
  });

  it("describes the new password with its hint and then its error", () => {
    renderWithState(
      page,
      formState({
        intent: "change-password",
        fieldErrors: { newPassword: "Password must be at least 12 characters." },
        values: { username: "me@example.com" },
      }),
    );
    expect(input("New password").getAttribute("aria-invalid")).toBe("true");
    expect(descriptionsOf(input("New password"))).toEqual([
      "At least 12 characters. Your other sessions will be signed out.",
      "Password must be at least 12 characters.",
    ]);
  });

  it("never fills either password field when the form is shown again", () => {
    renderWithState(
      page,
      formState({
        intent: "change-password",
        fieldErrors: { currentPassword: "Your current password is not correct." },
        values: { username: "me@example.com" },
      }),
    );
    expect(input("Current password").value).toBe("");
    expect(input("New password").value).toBe("");
  });

  it("empties both typed passwords after a failed change", async () => {
    const { user } = renderPage(page, () =>
      formState({
        intent: "change-password",
        fieldErrors: { currentPassword: "Your current password is not correct." },
        values: { username: "me@example.com" },
      }),
    );
    await user.type(input("Current password"), "not my password");
    await user.type(input("New password"), "correct horse battery");
    await user.click(button("Change password"));
    await waitFor(() => expect(document.activeElement).toBe(input("Current password")));
    expect(input("Current password").value).toBe("");
    expect(input("New password").value).toBe("");
  });

  it("makes only the change-password button pending while it is sent", async () => {
    const result = deferred<FormState | null>();
    const { user } = renderPage(page, () => result.promise);
    await user.click(button("Change password"));

    expect((await screen.findByRole("button", { name: "Changing…" })).hasAttribute("disabled")).toBe(true);
    expect(button("Sign out everywhere").disabled).toBe(false);

    result.resolve(null);
    expect(((await screen.findByRole("button", { name: "Change password" })) as HTMLButtonElement).disabled).toBe(false);
  });

  it("makes only the sign-out-everywhere button pending while it is sent", async () => {
    const result = deferred<FormState | null>();
    const { user } = renderPage(page, () => result.promise);
    await user.click(button("Sign out everywhere"));

    expect((await screen.findByRole("button", { name: "Signing out…" })).hasAttribute("disabled")).toBe(true);
    expect(button("Change password").disabled).toBe(false);

    result.resolve(null);
    expect(((await screen.findByRole("button", { name: "Sign out everywhere" })) as HTMLButtonElement).disabled).toBe(
      false,
    );
  });

  it("moves focus to the first invalid password field after a failed change", async () => {
    const { user } = renderPage(page, () =>
      formState({
        intent: "change-password",
        formError: "Please correct the highlighted fields.",
        fieldErrors: { newPassword: "Enter a password.", currentPassword: "Enter your current password." },
        values: { username: "me@example.com" },
      }),
    );
    await user.click(button("Change password"));
    await waitFor(() => expect(document.activeElement).toBe(input("Current password")));
    expect(within(screen.getByRole("region", { name: "Sessions" })).queryByRole("alert")).toBeNull();
  });
});
