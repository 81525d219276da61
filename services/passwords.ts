import { hash, verify } from "@node-rs/argon2";

/**
 * Argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): about 50 ms a hash on this project's 2-core machines.
 * See docs/decisions/0005-password-hashing.md.
 */
const ARGON2ID = { algorithm: 2 /* Algorithm.Argon2id, a const enum */, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * A real Argon2id hash of a random secret nobody knows. A login for an unknown or
 * deactivated email verifies against it so that it costs as long as a wrong password.
 */
const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$G3vwEXsCfzqiFzH/+fwYYA$BKauBXqheyA99Bz7Y5qhZ0qKhDVgtTqWRw1thQbW25k";

export const passwordHasher = {
  hash: (password: string) => hash(password, ARGON2ID),
  verify: async (passwordHash: string, password: string) => {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false;
    }
  },
  dummyHash: DUMMY_HASH,
};
