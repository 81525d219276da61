/**
 * How a one-time link (an invitation, a password reset) gets to its person: the one place to
 * change when Tandem can send mail (decision 0030). Tandem has no mail server today, so the
 * transport is "show it to the admin": the link comes back to the page or API call that made
 * it, and the admin passes it on by whatever channel they trust. A mail transport would send
 * it here and answer `{ via: "mail" }`, and the doors would say "sent" instead of showing it.
 */
export type LinkToDeliver = {
  kind: "invitation" | "password_reset";
  /** Who the link is for. */
  to: { email: string; name: string };
  url: string;
  expiresAt: Date;
};

export type Delivery = { via: "shown"; url: string };

export async function deliverLink(link: LinkToDeliver): Promise<Delivery> {
  return { via: "shown", url: link.url };
}
