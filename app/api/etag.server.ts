import { HttpProblem } from "./problem.server.ts";

/** A resource's strong ETag: its version, quoted. Opaque to clients. */
export const etagOf = (resource: { version: number }) => `"v${resource.version}"`;

function tagsIn(header: string) {
  return header.split(",").map((tag) => tag.trim()).filter(Boolean);
}

/** True when the client's If-None-Match already holds this ETag (weak comparison: 304). */
export function notModified(request: Request, etag: string) {
  const header = request.headers.get("if-none-match");
  if (!header) return false;
  return tagsIn(header).some((tag) => tag === "*" || tag.replace(/^W\//, "") === etag);
}

/**
 * The version an If-Match header asks for, or undefined when the update should apply to the
 * current version (no header, or `*`). A tag that cannot be ours can never match: 412.
 */
export function expectedVersion(request: Request): number | undefined {
  const header = request.headers.get("if-match");
  if (!header) return undefined;
  const tags = tagsIn(header);
  if (tags.includes("*")) return undefined;
  const versions = tags.map((tag) => /^"v(\d+)"$/.exec(tag)?.[1]).filter((v): v is string => v !== undefined);
  if (versions.length !== 1) {
    throw new HttpProblem(412, "precondition-failed", "Precondition Failed", "If-Match does not match the current version.");
  }
  return Number(versions[0]);
}
