import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { listActivity } from "../../services/activity.ts";
import { ActivityList } from "~/components/activity-list";
import { requireSignedIn } from "~/session.server";

export const meta: MetaFunction = () => [{ title: "Home · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  return { name: actor.name, activity: await listActivity(actor, { limit: 15 }) };
}

export default function Home() {
  const { name, activity } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Welcome, {name}</h1>
      <section aria-labelledby="recent-activity">
        <h2 id="recent-activity">Recent activity</h2>
        <ActivityList entries={activity} />
      </section>
    </>
  );
}
