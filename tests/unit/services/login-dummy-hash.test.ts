import { afterEach, describe, expect, it, vi } from "vitest";
import { verifyLogin } from "#services/auth.ts";
import { AuthenticationError } from "#services/errors.ts";
import { passwordHasher } from "#services/passwords.ts";

/**
 * An unknown email must cost what a wrong password costs, or the time of the answer tells which
 * emails have accounts. Timing is too noisy to test; tests/unit/services/auth.test.ts proves the
 * dummy verification happens. This proves it is worth as much: the real verify runs (spied on,
 * called through), and the dummy hash has the cost parameters every real hash gets, so raising
 * the cost without renewing the dummy hash turns this red.
 */
const parameters = (hash: string) => /^\$(argon2\w+)\$v=(\d+)\$(m=\d+,t=\d+,p=\d+)\$/.exec(hash)?.slice(1);

describe("the dummy hash an unknown email is verified against", () => {
  afterEach(() => vi.restoreAllMocks());

  it("has the algorithm and cost of a real password hash made now", async () => {
    const real = await passwordHasher.hash("a password somebody chose");
    expect(parameters(real)).toBeTruthy();
    expect(parameters(passwordHasher.dummyHash)).toEqual(parameters(real));
  });

  it("is really verified (called through, not skipped) for an unknown email, and matches no password", async () => {
    const verify = vi.spyOn(passwordHasher, "verify");
    await expect(verifyLogin({ email: "nobody-at-all@example.com", password: "guess" }, { address: "192.0.2.1" })).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(verify).toHaveBeenCalledWith(passwordHasher.dummyHash, "guess");
    expect(await verify.mock.results[0]!.value).toBe(false);
  });
});
