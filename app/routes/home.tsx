import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { getDashboard } from "#services/dashboard.ts";
import { DashboardView } from "#app/components/dashboard-view.tsx";
import { requireSignedIn } from "#app/forms/session.server.ts";

export const meta: MetaFunction = () => [{ title: "Home · Tandem" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { actor } = await requireSignedIn(request);
  return { name: actor.name, dashboard: await getDashboard(actor) };
}

export default function Home() {
  const { name, dashboard } = useLoaderData<typeof loader>();
  return <DashboardView name={name} dashboard={dashboard} />;
}
