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

/** The site's origin as the person reached it (https behind a trusted proxy that says so): for links handed out. */
export function siteOrigin(request: Request) {
  return `${isHttps(request) ? "https" : "http"}://${new URL(request.url).host}`;
}

/**
 * A `redirectTo` that can only lead to a path on this site: one leading slash, never `//`,
 * `/\`, a scheme or a control character, checked before and after resolving against a dummy origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\\]/.test(to)) return fallback;
  const base = "http://tandem.invalid";
  const resolved = new URL(to, base);
  if (resolved.origin !== base) return fallback;
  const path = resolved.pathname + resolved.search + resolved.hash;
  // Dot segments resolve away: "/.//evil.example" and "/x/..//evil.example" become "//evil.example".
  return path.startsWith("//") ? fallback : path;
}

/**
 * The client's address for the login throttle. Behind a trusted proxy (TRUST_PROXY) every
 * connection comes from the proxy, so the address is the last `X-Forwarded-For` entry: the one
 * that proxy added (entries before it are whatever the client sent). Otherwise, and when the
 * header is missing, the socket address the server puts in the load context, else "unknown".
 * Without TRUST_PROXY the header is never read: anyone can send it.
 */
export function clientAddress(request: Request, context: unknown): string {
  if (trustProxy()) {
    const forwarded = request.headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const fromSocket = (context as { clientAddress?: string } | null | undefined)?.clientAddress;
  if (typeof fromSocket === "string" && fromSocket !== "") return fromSocket;
  return "unknown";
}
