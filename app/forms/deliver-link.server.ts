import { deliverLink, type LinkToDeliver } from "#services/link-delivery.ts";
import { siteOrigin } from "#app/request.server.ts";
import { revealOnNextPage } from "./reveal.server.ts";

/**
 * The form door hands a new link to services/link-delivery.ts; while its transport is "show it to
 * the admin", the link waits for the admin's next page (app/forms/reveal.server.ts) and the flash
 * says so. Returns the flash message.
 */
export async function deliverFromForm(
  request: Request,
  link: Omit<LinkToDeliver, "url"> & { path: string },
): Promise<string> {
  const { path, ...rest } = link;
  const delivery = await deliverLink({ ...rest, url: siteOrigin(request) + path });
  const expiresAt = link.expiresAt.toISOString();
  if (link.kind === "invitation") {
    await revealOnNextPage(request, { kind: "invitation", email: link.to.email, url: delivery.url, expiresAt });
    return `The invitation for ${link.to.email} is ready: pass the link on.`;
  }
  await revealOnNextPage(request, { kind: "password_reset", name: link.to.name, url: delivery.url, expiresAt });
  return `The password-reset link for ${link.to.name} is ready: pass it on.`;
}
