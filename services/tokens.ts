import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db, Prisma } from "#services/db/client.ts";
import { queryRows } from "#services/db/sql.ts";
import { writeUnlessUnavailable } from "#services/db/errors.ts";
import type { Actor } from "./actor.ts";
import { NotFoundError } from "./errors.ts";
import { can } from "./permissions.ts";
import { hashSecret } from "./secret-hash.ts";
import { isText, notText, parseInput } from "./validation.ts";

/** Secrets start with this, so a leaked one is recognisable (and secret scanners can find it). */
export const TOKEN_PREFIX = "tdm_";
/** last-used time is written at most this often per token: a busy script is not a write per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export const SCOPES = ["read", "write"] as const;
export type Scope = (typeof SCOPES)[number];

const scopeList = z
  .array(z.enum(SCOPES, { error: "Scopes are read and write." }), { error: "Choose at least one scope." })
  .min(1, "Choose at least one scope.");

export const createTokenSchema = z.object({
  name: z
    .string({ error: (issue) => (issue.input === undefined ? "Name the token, e.g. after the script that uses it." : undefined) })
    .refine(isText, notText("The token's name"))
    .trim()
    .min(1, "Name the token, e.g. after the script that uses it.")
    .max(100, "Token names are at most 100 characters."),
  // A single checkbox posts a string; the API sends an array. Both mean a list of scopes.
  scopes: z.union([z.enum(SCOPES).transform((scope) => [scope]), scopeList], { error: "Choose at least one scope." }),
  expiresAt: z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: "Give the expiry as a date (2027-01-31) or a date and time with a zone.",
    })
    .transform((value) => new Date(value))
    .refine((date) => date.getTime() > Date.now(), "The expiry must be in the future.")
    .optional(),
});

export type PublicToken = {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  owner: { id: string; name: string; email: string };
};

const publicFields = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  user: { select: { id: true, name: true, email: true } },
} as const;

type TokenRow = { scopes: string; user: PublicToken["owner"] } & Omit<PublicToken, "scopes" | "owner">;

function toPublic({ user, scopes, ...row }: TokenRow): PublicToken {
  return { ...row, scopes: scopes.split(" ") as Scope[], owner: user };
}

/** Creates a token for the actor. The secret is in the result once and nowhere else, ever. */
export async function createToken(actor: Actor, input: unknown): Promise<{ token: PublicToken; secret: string }> {
  const data = parseInput(createTokenSchema, input);
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  // write includes read: store the closure so checks stay a simple lookup.
  const scopes = data.scopes.includes("write") ? "read write" : "read";
  const row = await db.apiToken.create({
    data: {
      userId: actor.id,
      name: data.name,
      prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
      secretHash: hashSecret(secret),
      scopes,
      expiresAt: data.expiresAt ?? null,
    },
    select: publicFields,
  });
  return { token: toPublic(row), secret };
}

/** The actor's own tokens; with `everyone`, an admin sees the whole team's. Newest first. */
export async function listTokens(actor: Actor, { everyone = false } = {}): Promise<PublicToken[]> {
  const seeAll = everyone && can(actor, "token.seeEveryone");
  const rows = await db.apiToken.findMany({
    where: seeAll ? {} : { userId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: publicFields,
  });
  return rows.map(toPublic);
}

export type TokenStatus = "active" | "revoked" | "expired";

/** Whether a token still works: revoked wins over expired; a token without an expiry never expires. */
export function tokenStatus(token: Pick<PublicToken, "revokedAt" | "expiresAt">, now = new Date()): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}

/**
 * Revokes a token: one's own, or anyone's for an admin. Another member's token answers as
 * missing, so its existence is not revealed. Revoking twice is fine.
 */
export async function revokeToken(actor: Actor, id: string): Promise<PublicToken> {
  const where = can(actor, "token.revokeAnyone") ? { id } : { id, userId: actor.id };
  const found = await db.apiToken.findFirst({ where, select: { id: true, revokedAt: true } });
  if (!found) throw new NotFoundError("That token");
  const row = await db.apiToken.update({
    where: { id },
    data: { revokedAt: found.revokedAt ?? new Date() },
    select: publicFields,
  });
  return toPublic(row);
}

export type TokenAuthentication = { actor: Actor; tokenId: string; scopes: Scope[] };

type TokenWithOwner = {
  id: string;
  scopes: string;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  userId: string;
  role: Actor["role"];
  name: string;
  email: string;
  active: boolean;
};

/**
 * Resolves a bearer secret to its owner. Unknown, revoked and expired tokens, and tokens of
 * deactivated users, resolve to null at once: everything is read fresh on every request (no
 * cache), so a revocation or a deactivation holds from the next request, on every instance.
 *
 * Every API request starts here, so it is one SQL statement, the token joined with its owner,
 * through `$queryRaw`: Prisma's `findUnique` with the nested user costs about 7× as much
 * (it compiles the query and sends a second statement for the relation; see
 * docs/decisions/0014-performance.md). Identifiers are quoted so the SQL reads the same on
 * PostgreSQL.
 */
export async function authenticateToken(secret: string, now = new Date()): Promise<TokenAuthentication | null> {
  if (!secret.startsWith(TOKEN_PREFIX)) return null;
  const [token] = await queryRows<TokenWithOwner>(Prisma.sql`
    SELECT t."id", t."scopes", t."expiresAt", t."revokedAt", t."lastUsedAt",
           u."id" AS "userId", u."role", u."name", u."email", u."active"
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId"
    WHERE t."secretHash" = ${hashSecret(secret)}`);
  if (!token || token.revokedAt || !token.active) return null;
  if (token.expiresAt && token.expiresAt <= now) return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    // Guarded so that concurrent requests write it once.
    await writeUnlessUnavailable(() =>
      db.apiToken.updateMany({
        where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_RESOLUTION_MS) } }] },
        data: { lastUsedAt: now },
      }),
    );
  }
  const actor: Actor = { id: token.userId, role: token.role, name: token.name, email: token.email };
  return { actor, tokenId: token.id, scopes: token.scopes.split(" ") as Scope[] };
}
