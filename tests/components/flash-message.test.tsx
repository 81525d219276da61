import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FlashMessage } from "#app/components/flash-message.tsx";

describe("the flash message", () => {
  it("announces a success politely as a status", () => {
    render(<FlashMessage flash={{ kind: "success", message: "Ada was added to the team." }} />);
    expect(screen.getByRole("status").textContent).toBe("Ada was added to the team.");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("announces an error at once as an alert", () => {
    render(<FlashMessage flash={{ kind: "error", message: "That did not work." }} />);
    expect(screen.getByRole("alert").textContent).toBe("That did not work.");
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("renders nothing when there is no message", () => {
    const { container } = render(<FlashMessage flash={null} />);
    expect(container.innerHTML).toBe("");
  });
});
