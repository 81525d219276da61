import { randomBytes } from "node:crypto";
import { db } from "#services/db/client.ts";
import { checkLoginAllowed, recordLoginFailure } from "./login-throttle.ts";
import { hashSecret } from "./secret-hash.ts";

/**
 * What invitations and password-reset links share (decision 0030): a random secret that only the
 * link holds (the database keeps its SHA-256, as for API tokens and sessions), a lifetime, and one
 * use. A link is live until it is used, revoked (or superseded) or expired.
 */
export type LinkKind = "invitation" | "password_reset";
export type LinkStatus = "live" | "used" | "revoked" | "expired";

export type LinkRow = {
  id: string;
  kind: string;
  email: string;
  name: string | null;
  role: "ADMIN" | "MEMBER" | null;
  userId: string | null;
  createdById: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

/** 256 random bits, base64url: nothing to guess, and safe in a URL path. */
export function newLinkSecret(): { secret: string; secretHash: string } {
  const secret = randomBytes(32).toString("base64url");
  return { secret, secretHash: hashSecret(secret) };
}

/** Used wins over revoked, revoked over expired: the page says what really happened to it. */
export function linkStatus(link: Pick<LinkRow, "usedAt" | "revokedAt" | "expiresAt">, now = new Date()): LinkStatus {
  if (link.usedAt) return "used";
  if (link.revokedAt) return "revoked";
  if (link.expiresAt <= now) return "expired";
  return "live";
}

/** The `where` of links still usable at `now`: what a guarded update claims. */
export function liveWhere(now: Date) {
  return { usedAt: null, revokedAt: null, expiresAt: { gt: now } };
}

/**
 * The link of this kind behind a secret someone presented on a public page, or null. Throttled like
 * sign-in, per client address (services/login-throttle.ts): a secret that matches nothing counts as
 * a failed attempt, and an address at the limit is refused before the look-up. Guessing is hopeless
 * anyway (256 bits); the throttle keeps a scanner from costing the database.
 */
export async function findLinkBySecret(kind: LinkKind, secret: string, address: string, now = new Date()): Promise<LinkRow | null> {
  const attempt = { email: null, address };
  await checkLoginAllowed(attempt, now);
  const link = secret.length > 0 && secret.length <= 100 ? await db.oneTimeLink.findUnique({ where: { secretHash: hashSecret(secret) } }) : null;
  if (!link || link.kind !== kind) {
    await recordLoginFailure(attempt, now);
    return null;
  }
  return link;
}

/** Why a link cannot be used, in words for the page that was opened with it. */
export function deadLinkMessage(kind: LinkKind, status: Exclude<LinkStatus, "live"> | "unknown"): string {
  const what = kind === "invitation" ? "invitation" : "password-reset link";
  const ask = kind === "invitation" ? "Ask an admin to invite you again." : "Ask an admin for a new link.";
  switch (status) {
    case "used":
      return `This ${what} was already used: each link works once. ${kind === "invitation" ? "If it was you, sign in." : ask}`;
    case "revoked":
      return kind === "invitation"
        ? `This invitation was revoked. ${ask}`
        : `This password-reset link was revoked or replaced by a newer one. ${ask}`;
    case "expired":
      return `This ${what} has expired. ${ask}`;
    case "unknown":
      return `This ${what} is not valid: check that the whole link was copied. ${ask}`;
  }
}
