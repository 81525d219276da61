import { Form, Outlet, useNavigation } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, onTestFinished } from "vitest";
import { CreateUserForm } from "#app/components/user-forms.tsx";
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

const page = (state: FormState | null) => <CreateUserForm state={state} />;

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const select = (label: string) => screen.getByLabelText(label) as HTMLSelectElement;

const invalid = formState({
  formError: "Please correct the highlighted fields.",
  fieldErrors: {
    name: "Enter a name.",
    email: "Enter a valid email address.",
    role: "Choose a role.",
    password: "Password must be at least 12 characters.",
  },
  values: { name: "", email: "ada@", role: "ADMIN" },
});

describe("the add-a-person form", () => {
  it("labels every field, with the input types and autocomplete a new account needs", () => {
    renderPage(page);
    expect(input("Name").type).toBe("text");
    expect(input("Name").autocomplete).toBe("off");
    expect(input("Name").required).toBe(true);
    expect(input("Email").type).toBe("email");
    expect(input("Email").autocomplete).toBe("off");
    expect(select("Role").tagName).toBe("SELECT");
    expect(input("Password").type).toBe("password");
    expect(input("Password").autocomplete).toBe("new-password");
  });

  it("offers Member and Admin as roles, Member chosen at first", () => {
    renderPage(page);
    expect(within(select("Role")).getAllByRole("option").map((option) => option.textContent)).toEqual([
      "Member",
      "Admin",
    ]);
    expect(select("Role").value).toBe("MEMBER");
  });

  it("describes the password field with its hint", () => {
    renderPage(page);
    expect(descriptionsOf(input("Password"))).toEqual([
      "At least 12 characters. Share it with them in person; they can change it in Settings.",
    ]);
  });

  it("marks each field with an error invalid and describes it with its message", () => {
    renderWithState(page, invalid);
    for (const [label, message] of [
      ["Name", "Enter a name."],
      ["Email", "Enter a valid email address."],
      ["Role", "Choose a role."],
      ["Password", "Password must be at least 12 characters."],
    ] as const) {
      const field = screen.getByLabelText(label);
      expect(field.getAttribute("aria-invalid"), label).toBe("true");
      expect(errorMessageOf(field), label).toBe(message);
    }
  });

  it("keeps the hint in the password field's description next to its error", () => {
    renderWithState(page, invalid);
    expect(descriptionsOf(input("Password"))).toEqual([
      "At least 12 characters. Share it with them in person; they can change it in Settings.",
      "Password must be at least 12 characters.",
    ]);
  });

  it("lists every error in the summary, each linking to its field", () => {
    renderWithState(page, invalid);
    const summary = screen.getByRole("alert");
    expect(within(summary).getByText("Please correct the highlighted fields.")).toBeTruthy();
    expect(summaryLinks(summary)).toEqual([
      ["Enter a name.", "#field-name"],
      ["Enter a valid email address.", "#field-email"],
      ["Choose a role.", "#field-role"],
      ["Password must be at least 12 characters.", "#field-password"],
    ]);
    for (const [, href] of summaryLinks(summary)) expect(document.querySelector(href!)).not.toBeNull();
  });

  it("leaves the fields without errors valid", () => {
    renderWithState(page, formState({ fieldErrors: { email: "That email is already taken." } }));
    expect(input("Email").getAttribute("aria-invalid")).toBe("true");
    expect(input("Name").getAttribute("aria-invalid")).toBeNull();
    expect(input("Name").getAttribute("aria-describedby")).toBeNull();
    expect(descriptionsOf(input("Password"))).toHaveLength(1);
  });

  it("puts what was typed back into the fields and never fills the password", () => {
    renderWithState(
      page,
      formState({
        fieldErrors: { email: "That email is already taken." },
        values: { name: "Ada Lovelace", email: "ada@example.com", role: "ADMIN" },
      }),
    );
    expect(input("Name").value).toBe("Ada Lovelace");
    expect(input("Email").value).toBe("ada@example.com");
    expect(select("Role").value).toBe("ADMIN");
    expect(input("Password").value).toBe("");
  });

  it("disables the button and says it is adding while the person is being added", async () => {
    const result = deferred<FormState | null>();
    const { user } = renderPage(page, () => result.promise);
    await user.type(input("Name"), "Ada Lovelace");
    await user.click(screen.getByRole("button", { name: "Add person" }));

    const pending = (await screen.findByRole("button", { name: "Adding…" })) as HTMLButtonElement;
    expect(pending.disabled).toBe(true);

    result.resolve(null);
    const button = (await screen.findByRole("button", { name: "Add person" })) as HTMLButtonElement;
    expect(button.disabled).toBe(false);
  });

  it("moves focus to the first invalid field in page order after a failed submit", async () => {
    const { user } = renderPage(page, () =>
      formState({
        formError: "Please correct the highlighted fields.",
        // The order of the errors is not the order of the fields.
        fieldErrors: { password: "Enter a password.", email: "Enter a valid email address." },
        values: { name: "Ada", email: "ada@", role: "MEMBER" },
      }),
    );
    await user.click(screen.getByRole("button", { name: "Add person" }));
    await waitFor(() => expect(document.activeElement).toBe(input("Email")));
  });

  it("keeps what was typed in the fields after a failed submit", async () => {
    const { user } = renderPage(page, () =>
      formState({
        fieldErrors: { email: "That email is already taken." },
        values: { name: "Ada", email: "ada@example.com", role: "ADMIN" },
      }),
    );
    await user.type(input("Name"), "Ada");
    await user.type(input("Email"), "ada@example.com");
    await user.selectOptions(select("Role"), "ADMIN");
    await user.click(screen.getByRole("button", { name: "Add person" }));
    await waitFor(() => expect(document.activeElement).toBe(input("Email")));
    expect(input("Name").value).toBe("Ada");
    expect(input("Email").value).toBe("ada@example.com");
    expect(select("Role").value).toBe("ADMIN");
  });

  it("empties the typed password after a failed submit, as the page without JavaScript does", async () => {
    const { user } = renderPage(page, () =>
      formState({ fieldErrors: { email: "That email is already taken." }, values: { name: "Ada", email: "ada@example.com" } }),
    );
    await user.type(input("Password"), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Add person" }));
    await waitFor(() => expect(document.activeElement).toBe(input("Email")));
    expect(input("Password").value).toBe("");
  });
});

/** The frame of app/routes/signed-in-layout.tsx: a plain sign-out form (no intent) above every page. */
function SignedInFrame() {
  const navigation = useNavigation();
  return (
    <>
      <Form method="post" action="/logout">
        <button type="submit">Sign out</button>
      </Form>
      <p>Router: {navigation.state}</p>
      <Outlet />
    </>
  );
}

describe("the add-a-person form inside the signed-in frame", () => {
  it("does not say it is adding while the frame's sign-out form is being sent", async () => {
    const signOut = deferred<null>();
    onTestFinished(() => signOut.resolve(null));
    const RemixStub = createRemixStub([
      {
        path: "/",
        Component: SignedInFrame,
        children: [{ path: "users/new", Component: () => <CreateUserForm state={null} />, action: async () => null }],
      },
      { path: "/logout", action: async () => signOut.promise },
    ]);
    const user = userEvent.setup();
    render(<RemixStub initialEntries={["/users/new"]} future={{ v3_singleFetch: true }} />);

    await user.click(screen.getByRole("button", { name: "Sign out" }));
    await screen.findByText("Router: submitting");
    expect(screen.queryByRole("button", { name: "Adding…" })).toBeNull();
    expect((screen.getByRole("button", { name: "Add person" }) as HTMLButtonElement).disabled).toBe(false);
  });
});
