import { z } from "zod";
import { DATE_FORMATS } from "#services/time-preferences.ts";
import { createUserSchema, emailSchema, nameSchema, passwordSchema, roleSchema, updateUserSchema, type Me, type PublicUser } from "#services/users.ts";
import { describe, EXAMPLE_ID, param, type OnTheWire, type Same } from "./openapi-kit.server.ts";

/**
 * People on the wire, for the routes that describe their operations: the user service's input
 * schemas described (their rules are the service's own), the response shape (checked against
 * PublicUser at compile time), the id parameter and example people.
 */

describe(emailSchema, {
  format: "email",
  description: "Their email address, up to 254 characters. Stored lower-case; unique in the team.",
  examples: ["ada@example.com"],
});
describe(nameSchema, { description: "The name Tandem shows, 1 to 100 characters after trimming.", examples: ["Ada Lovelace"] });
describe(roleSchema, { description: "ADMIN manages people; MEMBER works on tasks." });
describe(passwordSchema, {
  format: "password",
  description: "Their first password: 12 to 256 characters, any characters, kept exactly as sent. Only a hash is stored.",
});
describe(createUserSchema.shape.role, { description: "ADMIN manages people; MEMBER works on tasks. MEMBER when left out." });
describe(updateUserSchema.shape.active, {
  description:
    "false deactivates the person: their sessions and API tokens stop working at once. true gives their access back. Nobody can deactivate themselves.",
});
describe(createUserSchema, { id: "CreateUserRequest", description: "A new person. Fields other than these are ignored." });
describe(updateUserSchema, {
  id: "UpdateUserRequest",
  description: "The changes: only the fields sent change, and fields other than these are ignored.",
});

export const userSchema = z
  .object({
    id: z.string().meta({ description: "The person's id: opaque and stable.", examples: [EXAMPLE_ID] }),
    email: z.email().meta({ description: "Their email address, lower-case.", examples: ["ada@example.com"] }),
    name: z.string().meta({ description: "The name Tandem shows.", examples: ["Ada Lovelace"] }),
    role: roleSchema,
    active: z.boolean().meta({ description: "false once deactivated: their sessions and tokens no longer work." }),
    version: z.int().min(1).meta({ description: "Bumped on every change. The ETag header carries it; If-Match sends it back.", examples: [1] }),
    createdAt: z.iso.datetime().meta({ description: "When they were added (UTC)." }),
    updatedAt: z.iso.datetime().meta({ description: "When they last changed (UTC)." }),
  })
  .meta({ id: "User", description: "A person on the team. Never includes anything about their password." });

// What the API sends must be what the schema says: a field added to PublicUser fails to compile here.
const userSchemaMatchesService: Same<z.output<typeof userSchema>, OnTheWire<PublicUser>> = true;
void userSchemaMatchesService;

/** GET /api/me: the person, with what only they see of themselves (decision 0031). */
export const meSchema = userSchema
  .extend({
    timeZone: z
      .string()
      .nullable()
      .meta({
        description:
          "The IANA time zone Tandem's pages show their times in, e.g. Europe/Berlin. null until they chose one in Settings, or their browser's was taken on a visit with JavaScript: pages then show UTC. Times in the API are always UTC.",
        examples: ["Europe/Berlin"],
      }),
    locale: z
      .enum(DATE_FORMATS)
      .nullable()
      .meta({ description: "How their pages write dates: ISO (2026-12-02 14:25) or a locale's way. null: ISO.", examples: ["en-GB"] }),
  })
  .meta({ id: "Me", description: "The token's owner: a person on the team, with their own display preferences." });

const meSchemaMatchesService: Same<z.output<typeof meSchema>, OnTheWire<Me>> = true;
void meSchemaMatchesService;

export const userId = param("path", z.string().min(1), { id: "UserId", name: "id", description: "The person's id.", example: EXAMPLE_ID });

export const ada = {
  id: EXAMPLE_ID,
  email: "ada@example.com",
  name: "Ada Lovelace",
  role: "MEMBER",
  active: true,
  version: 1,
  createdAt: "2026-01-15T09:30:00.000Z",
  updatedAt: "2026-01-15T09:30:00.000Z",
};
export const adaAsHerself = { ...ada, timeZone: "Europe/London", locale: "en-GB" };

export const grace = {
  id: "h8k2m4n6p8q0r2s4t6v8w0x2",
  email: "grace@example.com",
  name: "Grace Hopper",
  role: "ADMIN",
  active: true,
  version: 3,
  createdAt: "2025-11-02T14:05:00.000Z",
  updatedAt: "2026-02-01T08:00:00.000Z",
};
