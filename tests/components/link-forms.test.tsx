import { screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AcceptInvitationForm, InvitationTable, InviteForm, LinkToPassOn, ResetPasswordForm } from "#app/components/link-forms.tsx";
import { descriptionsOf, formState, renderPage, renderWithState } from "./helpers.tsx";

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const URL_SHOWN = "http://tandem.test/invite/Jq3v0h2Wc6bK1sXq9zT4mN8pR5yL7aE0dF2gH6jK1uI";

describe("the invite form", () => {
  it("asks for the JSON keys of POST /api/invitations, and keeps what was typed after a refusal", () => {
    renderWithState(
      (state) => <InviteForm state={state} />,
      formState({ intent: "invite", fieldErrors: { email: "Someone on the team already has this email address." }, values: { name: "Newt", email: "n@example.com" } }),
    );
    expect(input("Name").name).toBe("name");
    expect(input("Name").value).toBe("Newt");
    expect(input("Email").value).toBe("n@example.com");
    expect((screen.getByLabelText("Role") as HTMLSelectElement).name).toBe("role");
    expect(screen.getByRole("alert").textContent).toContain("Someone on the team already has this email address.");
  });
});

describe("the link to pass on", () => {
  it("is a read-only field, not a form field, that says when it expires and that it is shown once", () => {
    renderPage(() => <LinkToPassOn heading="Invitation for newt@example.com" to="newt@example.com" url={URL_SHOWN} expiresAt="2026-12-10T09:30:00.000Z" />);
    const field = input("One-time link");
    expect(field.value).toBe(URL_SHOWN);
    expect(field.readOnly).toBe(true);
    expect(field.name).toBe("");
    const hint = descriptionsOf(field)[0]!;
    expect(hint).toContain("Tandem sends no mail");
    expect(hint).toContain("2026-12-10 09:30 UTC");
    expect(hint).toContain("will not be shown again");
  });
});

describe("the waiting invitations", () => {
  const invitations = [
    { id: "i1", email: "newt@example.com", name: "Newt", role: "MEMBER", expiresAt: "2026-12-10T09:30:00.000Z", invitedBy: { name: "Ada" } },
    { id: "i2", email: "tina@example.com", name: "Tina", role: "ADMIN", expiresAt: "2026-12-11T09:30:00.000Z", invitedBy: null },
  ];

  it("lists each with its expiry and a revoke link that works without JavaScript", () => {
    renderPage(() => <InvitationTable invitations={invitations} confirming={null} />);
    const table = screen.getByRole("table", { name: "Invitations waiting" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining("newt@example.com"),
      expect.stringContaining("tina@example.com"),
    ]);
    expect(rows[0]!.textContent).toContain("2026-12-10 09:30 UTC");
    const revoke = within(rows[0]!).getByRole("link", { name: /Revoke the invitation for newt@example.com/ });
    expect(revoke.getAttribute("href")).toBe("/?revoke=i1#revoke-invitation-confirm");
  });

  it("shows the confirmation in the row being revoked only, sending its id", () => {
    renderPage(() => <InvitationTable invitations={invitations} confirming="i2" />);
    expect(screen.getAllByRole("button", { name: "Yes, revoke it" })).toHaveLength(1);
    const hidden = document.querySelector<HTMLInputElement>('input[name="invitationId"]');
    expect(hidden?.value).toBe("i2");
    expect(screen.getByText(/The link sent to tina@example.com stops working at once/)).toBeTruthy();
  });

  it("says so when none are waiting", () => {
    renderPage(() => <InvitationTable invitations={[]} confirming={null} />);
    expect(screen.getByText("No invitations are waiting.")).toBeTruthy();
  });
});

describe("the public forms", () => {
  it("the invitation takes the name as the admin wrote it and a new password, for the invited email", () => {
    renderPage(() => <AcceptInvitationForm name="Newt" email="newt@example.com" />);
    expect(input("Your name").value).toBe("Newt");
    expect(input("Choose a password").type).toBe("password");
    expect(input("Choose a password").autocomplete).toBe("new-password");
    expect(document.querySelector<HTMLInputElement>('input[autocomplete="username"]')?.value).toBe("newt@example.com");
  });

  it("the reset link takes a new password", () => {
    renderPage(() => <ResetPasswordForm email="bo@example.com" />);
    expect(input("New password").type).toBe("password");
    expect(input("New password").name).toBe("password");
    expect(screen.getByRole("button", { name: "Set my password" })).toBeTruthy();
  });
});
