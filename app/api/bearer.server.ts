import { authenticateToken, type TokenAuthentication } from "#services/tokens.ts";
import { HttpProblem, unauthorized } from "./problem.server.ts";

/**
 * API requests authenticate with `Authorization: Bearer <token>` and nothing else: cookies
 * are ignored (no CSRF surface) and a token in the query string counts for nothing.
 */
export async function authenticateBearer(request: Request): Promise<TokenAuthentication> {
  const header = request.headers.get("authorization");
  if (!header) throw unauthorized("Send an API token: Authorization: Bearer <token>.");
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthorized("The Authorization header must be: Bearer <token>.", true);
  const auth = await authenticateToken(match[1]!);
  if (!auth) throw unauthorized("The token is unknown, revoked or expired, or its owner is deactivated.", true);
  return auth;
}

const READ_METHODS = new Set(["GET", "HEAD"]);

/** `read` for GET and HEAD, `write` for everything else; `write` includes `read`. */
export function requireScope(auth: TokenAuthentication, method: string) {
  const needed = READ_METHODS.has(method) ? "read" : "write";
  if (auth.scopes.includes(needed)) return;
  throw new HttpProblem(403, "insufficient-scope", "Forbidden", `This token lacks the "${needed}" scope.`, {
    "WWW-Authenticate": `Bearer realm="tandem", error="insufficient_scope", scope="${needed}"`,
  });
}
