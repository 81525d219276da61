import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { db } from "#services/db/client.ts";
import { hashSecret } from "./secret-hash.ts";

/**
 * What a session is shown once, on the page after a form post (Post/Redirect/Get): a new API
 * token's secret, a link an admin passes on. The action stashes it on the session's row and the
 * next page takes it, which clears it, so a reload shows it no more, and whichever instance serves
 * that page finds it (decision 0030).
 *
 * Kept only as long as needed: cleared when read, unreadable after REVEAL_LIFETIME_MS, and
 * encrypted (AES-256-GCM) with a key made from the session cookie's token, which the database
 * never holds (it keeps the token's hash). A copy of the database alone reveals nothing.
 */
export type Reveal =
  | { kind: "token"; id: string; name: string; secret: string }
  | { kind: "invitation"; email: string; url: string; expiresAt: string }
  | { kind: "password_reset"; name: string; url: string; expiresAt: string };

export const REVEAL_LIFETIME_MS = 10 * 60 * 1000;

function keyFor(sessionToken: string) {
  return createHash("sha256").update("tandem reveal\0").update(sessionToken).digest();
}

/** Keeps `reveal` for the session's next page; a newer one replaces an older one not yet shown. */
export async function stashReveal(sessionToken: string, reveal: Reveal, now = new Date()): Promise<void> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(sessionToken), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(reveal), "utf8"), cipher.final()]);
  const expires = now.getTime() + REVEAL_LIFETIME_MS;
  const value = [expires, iv.toString("base64url"), sealed.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
  await db.session.updateMany({ where: { id: hashSecret(sessionToken) }, data: { reveal: value } });
}

/**
 * The session's pending reveal of this kind, once: it is cleared as it is read, guarded by its
 * value so that of two pages at once only one gets it. One of another kind stays for its own page;
 * an expired one is cleared and not shown.
 */
export async function takeReveal<K extends Reveal["kind"]>(
  sessionToken: string,
  kind: K,
  now = new Date(),
): Promise<Extract<Reveal, { kind: K }> | null> {
  const id = hashSecret(sessionToken);
  const session = await db.session.findUnique({ where: { id }, select: { reveal: true } });
  if (!session?.reveal) return null;
  const opened = open(sessionToken, session.reveal, now);
  if (opened && opened.kind !== kind) return null;
  const { count } = await db.session.updateMany({ where: { id, reveal: session.reveal }, data: { reveal: null } });
  if (count === 0 || !opened) return null;
  return opened as Extract<Reveal, { kind: K }>;
}

/** The reveal in `value`, or null when it expired or does not open with this token's key. */
function open(sessionToken: string, value: string, now: Date): Reveal | null {
  const [expires, iv, sealed, tag] = value.split(".");
  if (!iv || !sealed || !tag || !(Number(expires) > now.getTime())) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(sessionToken), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    const text = Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
    return JSON.parse(text) as Reveal;
  } catch {
    return null;
  }
}
