/**
 * Facts about the incoming request that security decisions depend on. Forwarded headers
 * count only when TRUST_PROXY says a proxy in front sets them; otherwise anyone could.
 */
export function trustProxy() {
  return /^(1|true|yes)$/i.test(process.env.TRUST_PROXY ?? "");
}

export function isHttps(request: Request) {
  if (new URL(request.url).protocol === "https:") return true;
  if (!trustProxy()) return false;
  return request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

/**
 * A `redirectTo` that can only lead to a path on this site: one leading slash, never `//`,
 * `/\`, a scheme or a control character, checked after resolving against a dummy origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(to)) return fallback;
  const base = "http://tandem.invalid";
  const resolved = new URL(to, base);
  if (resolved.origin !== base) return fallback;
  return resolved.pathname + resolved.search + resolved.hash;
}

/**
 * The client's address for the login throttle: the socket address the server puts in the
 * load context, else (only behind a trusted proxy) the first `X-Forwarded-For` entry, else
 * "unknown". Without TRUST_PROXY the header is never read: anyone can send it.
 */
export function clientAddress(request: Request, context: unknown): string {
  const fromSocket = (context as { clientAddress?: string } | null | undefined)?.clientAddress;
  if (typeof fromSocket === "string" && fromSocket !== "") return fromSocket;
  if (trustProxy()) {
    const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return "unknown";
}
