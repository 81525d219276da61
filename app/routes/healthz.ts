import { z } from "zod";
import { databaseAnswers } from "#services/health.ts";
import { fail } from "#app/api/openapi-kit.server.ts";
import { HttpProblem } from "#app/api/problem.server.ts";
import { json } from "#app/api/respond.server.ts";
import { publicApiRoute } from "#app/api/route.server.ts";

const healthSchema = z
  .object({ status: z.literal("ok").meta({ description: "Always ok: any other state answers 503." }) })
  .meta({ id: "Health", description: "The service and its database answer." });

/** GET /healthz, no auth: 200 when the database answers, 503 when it does not. */
const api = publicApiRoute(
  { path: "/healthz", tag: "Service" },
  {
    GET: {
      operationId: "getHealth",
      summary: "Check health",
      description:
        "For load balancers and monitors: 200 while the service and its database answer, 503 when the database does not. Needs no token; never cached.",
      responses: {
        200: { description: "The service works.", schema: healthSchema, examples: { ok: ["Healthy", { status: "ok" }] } },
        503: {
          description: "Service Unavailable: the database does not answer. Retry after Retry-After seconds.",
          headers: ["Retry-After"],
          examples: { unavailable: ["The database is down", fail("unavailable", "The database does not answer.")] },
        },
      },
      async handle() {
        if (!(await databaseAnswers())) {
          throw new HttpProblem(503, "unavailable", "Service Unavailable", "The database does not answer.", { "Retry-After": "5" });
        }
        return json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
      },
    },
  },
);

export const loader = api.loader;
export const action = api.action;
