import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LoginForm } from "#app/components/login-form.tsx";
import type { FormState } from "#app/forms/state.ts";
import { deferred, errorMessageOf, formState, renderPage, renderWithState, summaryLinks } from "./helpers.tsx";

const page = (state: FormState | null) => <LoginForm state={state} />;

describe("the sign-in form", () => {
  it("labels the email and password fields with the types and autocomplete password managers expect", () => {
    renderPage(page);
    const email = screen.getByLabelText("Email") as HTMLInputElement;
    const password = screen.getByLabelText("Password") as HTMLInputElement;
    expect(email.type).toBe("email");
    expect(email.autocomplete).toBe("username");
    expect(password.type).toBe("password");
    expect(password.autocomplete).toBe("current-password");
  });

  it("shows nothing invalid and no summary before anything was sent", () => {
    renderPage(page);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.getByLabelText("Email").getAttribute("aria-invalid")).toBeNull();
    expect(screen.getByLabelText("Email").getAttribute("aria-describedby")).toBeNull();
  });

  it("ties each field error to its field and lists it in the summary with a link to the field", () => {
    renderWithState(
      page,
      formState({ formError: "Please correct the highlighted fields.", fieldErrors: { email: "Enter an email address." } }),
    );
    const email = screen.getByLabelText("Email");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(errorMessageOf(email)).toBe("Enter an email address.");
    expect(screen.getByLabelText("Password").getAttribute("aria-invalid")).toBeNull();

    const summary = screen.getByRole("alert");
    expect(within(summary).getByText("Please correct the highlighted fields.")).toBeTruthy();
    expect(summaryLinks(summary)).toEqual([["Enter an email address.", "#field-email"]]);
    expect(within(summary).getByRole("link", { name: "Enter an email address." })).toBeTruthy();
  });

  it("shows a wrong-credentials message in the summary without marking a field invalid", () => {
    renderWithState(page, formState({ formError: "Email or password is incorrect." }));
    expect(within(screen.getByRole("alert")).getByText("Email or password is incorrect.")).toBeTruthy();
    expect(screen.getByLabelText("Email").getAttribute("aria-invalid")).toBeNull();
  });

  it("puts the typed email back and leaves the password empty", () => {
    renderWithState(
      page,
      formState({ formError: "Email or password is incorrect.", values: { email: "ada@example.com", redirectTo: "/" } }),
    );
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("ada@example.com");
    expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe("");
  });

  it("disables the button and says it is signing in while the form is being sent", async () => {
    const result = deferred<FormState | null>();
    const { user } = renderPage(page, () => result.promise);
    await user.click(screen.getByRole("button", { name: "Sign in" }));

    const pending = await screen.findByRole("button", { name: "Signing in…" });
    expect((pending as HTMLButtonElement).disabled).toBe(true);

    result.resolve(null);
    const button = await screen.findByRole("button", { name: "Sign in" });
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it("moves focus to the first invalid field when the action returns errors", async () => {
    const { user } = renderPage(page, () =>
      formState({
        formError: "Please correct the highlighted fields.",
        fieldErrors: { email: "Enter an email address.", password: "Enter a password." },
      }),
    );
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Email")));
    expect(screen.getByRole("alert")).toBeTruthy();
  });

  it("moves focus to the summary when the error is about the whole form", async () => {
    const { user } = renderPage(page, () => formState({ formError: "Email or password is incorrect." }));
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("alert")));
  });
});
