import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDashboard } from "#services/dashboard.ts";
import { DashboardView } from "#app/components/dashboard-view.tsx";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Home · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor, time } = await requireSignedIn(request);
  // The chart counts by the viewer's days (UTC until they have a zone), as the page's times show.
  return { name: actor.name, dashboard: await getDashboard(actor, { timeZone: time.timeZone ?? "UTC" }) };
}

export default function Home() {
  const { name, dashboard } = useLoaderData<typeof loader>();
  return <DashboardView name={name} dashboard={dashboard} />;
}
