import { databaseAnswers } from "../../services/health.ts";
import { HttpProblem } from "~/api/problem.server";
import { json } from "~/api/respond.server";
import { publicApiRoute } from "~/api/route.server";

/** GET /healthz, no auth: 200 when the database answers, 503 when it does not. */
const api = publicApiRoute({
  async GET() {
    if (!(await databaseAnswers())) {
      throw new HttpProblem(503, "unavailable", "Service Unavailable", "The database does not answer.", { "Retry-After": "5" });
    }
    return json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
  },
});

export const loader = api.loader;
export const action = api.action;
