import { createHash } from "node:crypto";

/**
 * What the database keeps of a random secret handed out (a session cookie's token, an API token,
 * a one-time link): its SHA-256. The secrets are 256 random bits, so a fast hash is enough:
 * there is nothing to brute-force, and a leaked database holds nothing usable.
 */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
