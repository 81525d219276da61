import { Link } from "@remix-run/react";
import { ActivityList } from "./activity-list.tsx";
import { CompletedPerDayChart, StatusBreakdownChart, type DayCount } from "./charts.tsx";
import { DashboardCounts, type DashboardCountsData } from "./dashboard-counts.tsx";
import { DashboardTaskList, type DashboardTaskItem } from "./dashboard-tasks.tsx";
import { useTimeSettings } from "./when.tsx";

export type DashboardData = {
  counts: DashboardCountsData;
  assignedToMe: DashboardTaskItem[];
  overdue: DashboardTaskItem[];
  activity: Parameters<typeof ActivityList>[0]["entries"];
  completedPerDay: DayCount[];
};

/** The body of the home page (/): everything server-rendered, nothing needs JavaScript. */
export function DashboardView({ name, dashboard }: { name: string; dashboard: DashboardData }) {
  const { counts, assignedToMe, overdue, activity, completedPerDay } = dashboard;
  const weeks = Math.round(completedPerDay.length / 7);
  const { timeZone } = useTimeSettings();
  return (
    <>
      <h1>Welcome, {name}</h1>
      <DashboardCounts counts={counts} />
      <div className="dashboard">
        <section aria-labelledby="assigned-heading" className="dashboard__panel">
          <h2 id="assigned-heading">Assigned to you</h2>
          <DashboardTaskList tasks={assignedToMe} showAssignee={false} empty="Nothing open is assigned to you." />
          <p className="dashboard__more">
            <Link to="/tasks?assignee=me">All your tasks</Link>
          </p>
        </section>
        <section aria-labelledby="overdue-heading" className="dashboard__panel">
          <h2 id="overdue-heading">Overdue</h2>
          <DashboardTaskList tasks={overdue} empty="Nothing is overdue." />
          {counts.overdue > 0 ? (
            <p className="dashboard__more">
              <Link to="/tasks?overdue=true">
                All overdue tasks ({counts.overdue})
              </Link>
            </p>
          ) : null}
        </section>
        <section aria-labelledby="completed-heading" className="dashboard__panel dashboard__panel--wide">
          <h2 id="completed-heading">Completed per day</h2>
          <p className="muted dashboard__note">
            The last {weeks === 1 ? "week" : `${weeks} weeks`}, by day in {timeZone}. <Link to="/tasks?status=DONE">All done tasks</Link>
          </p>
          <CompletedPerDayChart data={completedPerDay} />
        </section>
        <section aria-labelledby="status-heading" className="dashboard__panel dashboard__panel--wide">
          <h2 id="status-heading">Tasks by status</h2>
          <StatusBreakdownChart counts={counts} />
        </section>
        <section aria-labelledby="activity-heading" className="dashboard__panel dashboard__panel--wide">
          <h2 id="activity-heading">Recent activity</h2>
          <ActivityList entries={activity} />
        </section>
      </div>
    </>
  );
}
