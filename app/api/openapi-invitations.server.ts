import { z } from "zod";
import { createInvitationSchema, type PublicInvitation } from "#services/invitations.ts";
import type { PublicPasswordReset } from "#services/password-resets.ts";
import { roleSchema } from "#services/users.ts";
import { describe, EXAMPLE_ID, param, type OnTheWire, type Same } from "./openapi-kit.server.ts";
import { ada } from "./openapi-users.server.ts";

/**
 * Invitations and password-reset links on the wire (decision 0030): the request schema described
 * (its rules are the service's), the response shapes (checked against the services' types at
 * compile time), the id parameter and examples. A link's secret is in the answer that made it,
 * once: Tandem keeps only its hash, so no later read shows it.
 */

describe(createInvitationSchema.shape.name, { description: "The newcomer's name, 1 to 100 characters after trimming. They can correct it when they accept." });
describe(createInvitationSchema.shape.role, { description: "The role they get: ADMIN or MEMBER. MEMBER when left out." });
describe(createInvitationSchema, { id: "CreateInvitationRequest", description: "Whom to invite. Fields other than these are ignored." });

const link = z.url().meta({
  description:
    "The one-time link to pass on to the person yourself: Tandem sends no mail. It is shown in this answer only; Tandem keeps just a hash of its secret.",
  examples: ["https://tandem.example.com/invite/Jq3v0h2Wc6bK1sXq9zT4mN8pR5yL7aE0dF2gH6jK1uI"],
});

const invitationFields = {
  id: z.string().meta({ description: "The invitation's id.", examples: [EXAMPLE_ID] }),
  email: z.email().meta({ description: "Whom it is for, lower-case.", examples: ["newt@example.com"] }),
  name: z.string().meta({ description: "The name the admin gave.", examples: ["Newt Scamander"] }),
  role: roleSchema,
  expiresAt: z.iso.datetime().meta({ description: "When the link stops working (UTC): 7 days after it was made." }),
  createdAt: z.iso.datetime().meta({ description: "When it was made (UTC)." }),
  invitedBy: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .meta({ description: "The admin who made it." }),
};

export const invitationSchema = z.object(invitationFields).meta({ id: "Invitation", description: "An invitation waiting to be taken. Never includes its link." });
export const createdInvitationSchema = z
  .object({ ...invitationFields, link })
  .meta({ id: "CreatedInvitation", description: "A new invitation, with its link: the only time the link is shown." });

export const passwordResetSchema = z
  .object({
    id: z.string().meta({ description: "The link's id.", examples: [EXAMPLE_ID] }),
    user: z.object({ id: z.string(), name: z.string(), email: z.email() }).meta({ description: "Whose password it sets." }),
    expiresAt: z.iso.datetime().meta({ description: "When the link stops working (UTC): 24 hours after it was made." }),
    createdAt: z.iso.datetime().meta({ description: "When it was made (UTC)." }),
    link,
  })
  .meta({ id: "PasswordResetLink", description: "A new password-reset link: the only time it is shown. It replaces any earlier link for the person." });

const invitationMatchesService: Same<z.output<typeof invitationSchema>, OnTheWire<PublicInvitation>> = true;
const createdMatchesService: Same<z.output<typeof createdInvitationSchema>, OnTheWire<PublicInvitation & { link: string }>> = true;
const resetMatchesService: Same<z.output<typeof passwordResetSchema>, OnTheWire<PublicPasswordReset & { link: string }>> = true;
void invitationMatchesService;
void createdMatchesService;
void resetMatchesService;

export const invitationId = param("path", z.string().min(1), { id: "InvitationId", name: "id", description: "The invitation's id.", example: EXAMPLE_ID });

export const exampleInvitation = {
  id: EXAMPLE_ID,
  email: "newt@example.com",
  name: "Newt Scamander",
  role: "MEMBER",
  expiresAt: "2026-03-08T09:30:00.000Z",
  createdAt: "2026-03-01T09:30:00.000Z",
  invitedBy: { id: "h8k2m4n6p8q0r2s4t6v8w0x2", name: "Grace Hopper" },
};
export const exampleCreatedInvitation = { ...exampleInvitation, link: "https://tandem.example.com/invite/Jq3v0h2Wc6bK1sXq9zT4mN8pR5yL7aE0dF2gH6jK1uI" };
export const examplePasswordReset = {
  id: EXAMPLE_ID,
  user: { id: ada.id, name: ada.name, email: ada.email },
  expiresAt: "2026-03-02T09:30:00.000Z",
  createdAt: "2026-03-01T09:30:00.000Z",
  link: "https://tandem.example.com/reset/Qw8e7r6t5y4u3i2o1p0aSdFgHjKlZxCvBnM1234567",
};
