import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CreateTokenForm, NewTokenSecret, TokenTable } from "#app/components/token-forms.tsx";
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

const page = (state: FormState | null) => <CreateTokenForm state={state} />;

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const checkbox = (name: string) => screen.getByRole("checkbox", { name }) as HTMLInputElement;
const SCOPES_HINT = "Read lets it look things up. Write lets it make changes too, and includes read.";

describe("the create-a-token form", () => {
  it("labels the name and the optional expiry date", () => {
    renderPage(page);
    expect(input("Name").type).toBe("text");
    expect(input("Name").name).toBe("name");
    expect(input("Name").required).toBe(true);
    expect(input("Name").autocomplete).toBe("off");
    expect(input("Expires on (optional)").type).toBe("date");
    expect(input("Expires on (optional)").name).toBe("expiresAt");
    expect(input("Expires on (optional)").required).toBe(false);
  });

  it("groups the scopes as checkboxes in a fieldset named by its legend, read ticked at first", () => {
    renderPage(page);
    const group = screen.getByRole("group", { name: "Scopes" });
    expect(group.tagName).toBe("FIELDSET");
    const boxes = within(group).getAllByRole("checkbox") as HTMLInputElement[];
    expect(boxes.map((box) => [box.name, box.value, box.checked])).toEqual([
      ["scopes", "read", true],
      ["scopes", "write", false],
    ]);
    expect(checkbox("Read").id).toBe("field-scopes");
  });

  it("says that write includes read", () => {
    renderPage(page);
    expect(descriptionsOf(checkbox("Write"))).toEqual([SCOPES_HINT]);
    expect(descriptionsOf(checkbox("Read"))).toEqual([SCOPES_HINT]);
  });

  it("posts its intent and every ticked scope, as the JSON keys", async () => {
    const { user } = renderPage(page);
    await user.click(checkbox("Write"));
    const form = input("Name").closest("form")!;
    const sent = new FormData(form);
    expect(sent.get("intent")).toBe("create");
    expect(sent.getAll("scopes")).toEqual(["read", "write"]);
    expect(form.method).toBe("post");
  });

  it("ties each error to its field and lists them in the summary", () => {
    renderWithState(
      page,
      formState({
        intent: "create",
        formError: "Please correct the highlighted fields.",
        fieldErrors: {
          name: "Name the token, e.g. after the script that uses it.",
          scopes: "Choose at least one scope.",
          expiresAt: "The expiry must be in the future.",
        },
        values: { name: "", expiresAt: "2020-01-01" },
      }),
    );
    expect(input("Name").getAttribute("aria-invalid")).toBe("true");
    expect(errorMessageOf(input("Name"))).toBe("Name the token, e.g. after the script that uses it.");
    for (const name of ["Read", "Write"]) {
      expect(checkbox(name).getAttribute("aria-invalid"), name).toBe("true");
      expect(descriptionsOf(checkbox(name)), name).toEqual([SCOPES_HINT, "Choose at least one scope."]);
    }
    expect(errorMessageOf(input("Expires on (optional)"))).toBe("The expiry must be in the future.");
    expect(summaryLinks(screen.getByRole("alert"))).toEqual([
      ["Name the token, e.g. after the script that uses it.", "#field-name"],
      ["Choose at least one scope.", "#field-scopes"],
      ["The expiry must be in the future.", "#field-expiresAt"],
    ]);
    expect(document.querySelector("#field-scopes")).toBe(checkbox("Read"));
  });

  it("leaves fields without errors valid", () => {
    renderWithState(page, formState({ intent: "create", fieldErrors: { name: "Too long." }, values: { scopes: "read" } }));
    expect(checkbox("Read").getAttribute("aria-invalid")).toBeNull();
    expect(input("Expires on (optional)").getAttribute("aria-invalid")).toBeNull();
  });

  it("puts back what was typed and ticked", () => {
    renderWithState(
      page,
      formState({
        intent: "create",
        fieldErrors: { expiresAt: "The expiry must be in the future." },
        values: { name: "deploy script", scopes: ["read", "write"], expiresAt: "2020-01-01" },
      }),
    );
    expect(input("Name").value).toBe("deploy script");
    expect(checkbox("Read").checked).toBe(true);
    expect(checkbox("Write").checked).toBe(true);
    expect(input("Expires on (optional)").value).toBe("2020-01-01");
  });

  it("keeps a single ticked scope, and none when none was ticked", () => {
    const { unmount } = renderWithState(
      page,
      formState({ intent: "create", fieldErrors: { name: "Name it." }, values: { scopes: "write" } }),
    );
    expect([checkbox("Read").checked, checkbox("Write").checked]).toEqual([false, true]);
    unmount();

    renderWithState(page, formState({ intent: "create", fieldErrors: { scopes: "Choose at least one scope." }, values: {} }));
    expect([checkbox("Read").checked, checkbox("Write").checked]).toEqual([false, false]);
  });

  it("disables the button and says it is creating while the token is being made", async () => {
    const result = deferred<FormState | null>();
    const { user } = renderPage(page, () => result.promise);
    await user.type(input("Name"), "ci");
    await user.click(screen.getByRole("button", { name: "Create token" }));

    expect(((await screen.findByRole("button", { name: "Creating…" })) as HTMLButtonElement).disabled).toBe(true);

    result.resolve(null);
    expect(((await screen.findByRole("button", { name: "Create token" })) as HTMLButtonElement).disabled).toBe(false);
  });

  it("moves focus to the first scope when the scopes were the only problem", async () => {
    const { user } = renderPage(page, () =>
      formState({ intent: "create", fieldErrors: { scopes: "Choose at least one scope." }, values: { name: "ci" } }),
    );
    await user.click(checkbox("Read"));
    await user.click(screen.getByRole("button", { name: "Create token" }));
    await waitFor(() => expect(document.activeElement).toBe(checkbox("Read")));
  });
});

describe("the one-time secret", () => {
  const secret = "tdm_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

  it("shows the full secret in a labelled read-only field that says it will not be shown again", () => {
    renderPage(() => <NewTokenSecret name="deploy script" secret={secret} />);
    expect(screen.getByRole("heading", { name: "Your new token “deploy script”" })).toBeTruthy();
    const field = input("Token secret");
    expect(field.value).toBe(secret);
    expect(field.readOnly).toBe(true);
    expect(descriptionsOf(field)[0]).toContain("it will not be shown again");
  });

  it("is not a form field, so no later post can send it", () => {
    renderPage(() => <NewTokenSecret name="ci" secret={secret} />);
    expect(input("Token secret").name).toBe("");
    expect(input("Token secret").closest("form")).toBeNull();
  });

  it("has a Copy button with JavaScript that puts the secret on the clipboard and says Copied", async () => {
    // user-event gives jsdom a clipboard that keeps what is written, as a browser's would.
    const { user } = renderPage(() => <NewTokenSecret name="ci" secret={secret} />);
    await user.click(await screen.findByRole("button", { name: "Copy" }));
    await screen.findByRole("button", { name: "Copied" });
    expect(await navigator.clipboard.readText()).toBe(secret);
    expect(screen.getByText("Copied to the clipboard.")).toBeTruthy();
  });

  it("takes the focus with JavaScript, so it is the next thing read out", async () => {
    renderPage(() => <NewTokenSecret name="ci" secret={secret} />);
    await waitFor(() => expect(document.activeElement).toBe(input("Token secret")));
  });
});

describe("the token table", () => {
  const tokens = [
    {
      id: "t1",
      name: "deploy script",
      prefix: "tdm_AbC123",
      scopes: ["read", "write"],
      lastUsedAt: null,
      expiresAt: null,
      status: "active" as const,
      owner: { name: "Ann", email: "ann@example.com" },
    },
    {
      id: "t2",
      name: "old",
      prefix: "tdm_XyZ789",
      scopes: ["read"],
      lastUsedAt: new Date("2031-03-01T09:05:00Z"),
      expiresAt: new Date("2031-04-01T00:00:00Z"),
      status: "revoked" as const,
      owner: { name: "Bo", email: "bo@example.com" },
    },
    {
      id: "t3",
      name: "nightly",
      prefix: "tdm_Nnn000",
      scopes: ["read"],
      lastUsedAt: null,
      expiresAt: new Date("2020-01-01T00:00:00Z"),
      status: "expired" as const,
      owner: { name: "Bo", email: "bo@example.com" },
    },
  ];
  const table = (confirming: string | null, showOwner = false) => () => (
    <TokenTable
      caption="Your tokens"
      empty="You have no tokens yet."
      tokens={tokens}
      confirming={confirming}
      showOwner={showOwner}
      cancelTo="/settings/tokens"
    />
  );
  const row = (name: string) => screen.getByRole("row", { name: new RegExp(`^${name}`) });

  it("shows each token's name, prefix, scopes, last use, expiry and status", () => {
    renderPage(table(null));
    const cells = (name: string) => within(row(name)).getAllByRole("cell").map((cell) => cell.textContent);
    expect(cells("deploy script")).toEqual(["deploy script", "tdm_AbC123…", "read, write", "Never", "Never", "Active", "Revoke “deploy script”…"]);
    expect(cells("old")).toEqual(["old", "tdm_XyZ789…", "read", "2031-03-01 09:05 UTC", "2031-04-01 00:00 UTC", "Revoked", ""]);
    expect(cells("nightly")).toContain("Expired");
  });

  it("shows the owner when asked", () => {
    renderPage(table(null, true));
    expect(within(row("deploy script")).getByText("Ann")).toBeTruthy();
    expect(screen.getByRole("columnheader", { name: "Owner" })).toBeTruthy();
  });

  it("links each token that still can be revoked to its confirmation, opened where the panel is", () => {
    renderPage(table(null));
    expect(within(row("deploy script")).getByRole("link", { name: /Revoke/ }).getAttribute("href")).toBe("/?confirm=t1#revoke-confirm");
    expect(within(row("nightly")).getByRole("link", { name: /Revoke/ })).toBeTruthy();
    expect(within(row("old")).queryByRole("link")).toBeNull();
  });

  it("shows the confirmation for the confirmed row only, sending its id", () => {
    renderPage(table("t1"));
    const panel = within(row("deploy script")).getByRole("group", { name: /“deploy script” stops working at once/ });
    const form = within(panel).getByRole("button", { name: "Yes, revoke it" }).closest("form")!;
    expect(Object.fromEntries(new FormData(form))).toEqual({ intent: "revoke", tokenId: "t1" });
    expect(within(panel).getByRole("link", { name: "Cancel" }).getAttribute("href")).toBe("/settings/tokens");
    expect(screen.getAllByRole("button")).toHaveLength(1);
    expect(within(row("nightly")).getByRole("link", { name: /Revoke/ })).toBeTruthy();
  });

  it("says so when there are no tokens", () => {
    renderPage(() => <TokenTable caption="Your tokens" empty="You have no tokens yet." tokens={[]} cancelTo="/" />);
    expect(screen.getByText("You have no tokens yet.")).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});
