import { createUser, listUsersPage } from "../../services/users.ts";
import { readJsonBody } from "~/api/body.server";
import { idempotent } from "~/api/idempotency.server";
import { pageQuery } from "~/api/paging.server";
import { list, resource } from "~/api/respond.server";
import { apiRoute } from "~/api/route.server";

/** GET /api/users: the team, a page at a time. POST /api/users: an admin adds a person. */
const api = apiRoute({
  async GET({ request, auth }) {
    return list(request, await listUsersPage(auth.actor, pageQuery(request)));
  },

  async POST({ request, auth }) {
    const body = await readJsonBody(request);
    return idempotent(request, { userId: auth.actor.id, route: "POST /api/users" }, body.text, async () => {
      const user = await createUser(auth.actor, body.value);
      return resource(user, { status: 201, headers: { Location: `/api/users/${user.id}` } });
    });
  },
});

export const loader = api.loader;
export const action = api.action;
