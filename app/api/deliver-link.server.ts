import { deliverLink, type LinkToDeliver } from "#services/link-delivery.ts";
import { siteOrigin } from "#app/request.server.ts";

/**
 * The JSON door hands a new link to services/link-delivery.ts; while its transport is "show it",
 * the link goes back in the answer to the admin's call (and nowhere else: such POSTs take no
 * Idempotency-Key, whose replay would keep the answer, link and all, for a day).
 */
export async function deliverFromApi(request: Request, link: Omit<LinkToDeliver, "url"> & { path: string }): Promise<string> {
  const { path, ...rest } = link;
  return (await deliverLink({ ...rest, url: siteOrigin(request) + path })).url;
}
