import { screen, within } from "@testing-library/react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { barLayout, CompletedPerDayChart, StatusBreakdownChart, type DayCount } from "#app/components/charts.tsx";
import { DashboardView, type DashboardData } from "#app/components/dashboard-view.tsx";
import { TimeSettingsProvider } from "#app/components/when.tsx";
import { renderPage } from "./helpers.tsx";

/** The chart in a viewer's date format (app/components/when.tsx); without one it is ISO. */
const inFormat = (locale: string, chart: React.ReactNode) => (
  <TimeSettingsProvider settings={{ timeZone: "UTC", locale, now: null }}>{chart}</TimeSettingsProvider>
);

/** 28 UTC days ending 2031-03-15, with the given counts (zeros where none given). */
function days(counts: number[]): DayCount[] {
  const end = Date.UTC(2031, 2, 15);
  return counts.map((count, i) => ({
    date: new Date(end - (counts.length - 1 - i) * 86_400_000).toISOString().slice(0, 10),
    count,
  }));
}

const FOUR_WEEKS = [0, 1, 3, 0, 2, 5, 0, 0, 4, 1, 1, 0, 6, 2, 0, 3, 0, 0, 2, 1, 7, 0, 1, 2, 0, 0, 3, 1];
const EVIL = "<script>alert(1)</script>";

/** The chart's figure: the <svg role="img"> and its text alternative. */
function figureOf(svg: Element) {
  return svg.closest("figure")!;
}

function labelledByTexts(svg: Element) {
  const ids = svg.getAttribute("aria-labelledby")?.split(" ") ?? [];
  return ids.map((id) => document.getElementById(id));
}

describe("the completed-per-day bar chart", () => {
  const data = days(FOUR_WEEKS);
  const total = FOUR_WEEKS.reduce((a, b) => a + b, 0);

  it("is an image named by its <title> and described by its <desc>", () => {
    renderPage(() => inFormat("en-US", <CompletedPerDayChart data={data} />));
    const svg = screen.getByRole("img", { name: /Tasks completed per day/ });
    expect(svg.tagName.toLowerCase()).toBe("svg");
    const [title, desc] = labelledByTexts(svg);
    expect(title?.tagName.toLowerCase()).toBe("title");
    expect(title?.parentElement).toBe(svg);
    expect(title?.textContent).toBe("Tasks completed per day");
    expect(desc?.tagName.toLowerCase()).toBe("desc");
    expect(desc?.parentElement).toBe(svg);
    expect(desc?.textContent).toContain(`${total} tasks completed in all`);
    expect(desc?.textContent).toContain("from Feb 16 to Mar 15");
    expect(desc?.textContent).toContain("at most 7 on Mar 8");
  });

  it("names its days in the viewer's date format, as the days were counted (no zone moves them)", () => {
    const described = (locale: string) => {
      const { unmount } = renderPage(() => inFormat(locale, <CompletedPerDayChart data={data} />));
      const [, desc] = labelledByTexts(screen.getByRole("img", { name: /Tasks completed per day/ }));
      const text = desc?.textContent;
      unmount();
      return text;
    };
    expect(described("ISO")).toContain("from 2031-02-16 to 2031-03-15");
    expect(described("en-GB")).toContain("from 16 Feb to 15 Mar");
    expect(described("de-DE")).toContain("from 16. Feb. to 15. März");
  });

  it("has a table beside it with every day's count exactly as given, and the total", () => {
    renderPage(() => <CompletedPerDayChart data={data} />);
    const figure = figureOf(screen.getByRole("img"));
    const table = within(figure).getByRole("table", { name: /Tasks completed per day/ });
    const rows = within(table).getAllByRole("row").slice(1, -1); // without the header and the total
    const shown = rows.map((row) => [
      within(row).getByRole("rowheader").textContent,
      Number(within(row).getByRole("cell").textContent),
    ]);
    expect(shown).toEqual(data.map((day) => [day.date, day.count]));
    expect(within(table).getAllByRole("row").at(-1)?.textContent).toBe(`Total${total}`);
    // The table is in a <details>: closed at first, opened without JavaScript.
    expect(table.closest("details")?.querySelector("summary")?.textContent).toBe("Show the numbers as a table");
  });

  it("draws one bar per day, its height proportional to the day's count, the busiest day full height", () => {
    renderPage(() => <CompletedPerDayChart data={data} />);
    const bars = Array.from(screen.getByRole("img").querySelectorAll("rect.chart__bar"));
    expect(bars).toHaveLength(28);
    const { plotHeight } = barLayout(data);
    bars.forEach((bar, i) => {
      expect(bar.getAttribute("data-date")).toBe(data[i]!.date);
      expect(Number(bar.getAttribute("data-count"))).toBe(data[i]!.count);
      const height = Number(bar.getAttribute("height"));
      expect(height).toBeCloseTo((data[i]!.count / 7) * plotHeight, 1);
    });
    const heights = bars.map((bar) => Number(bar.getAttribute("height")));
    expect(Math.max(...heights)).toBeCloseTo(plotHeight, 1);
    expect(heights[0]).toBe(0);
    // Bars sit on one baseline: y + height is the same for all.
    const bottoms = new Set(bars.map((bar) => Math.round(Number(bar.getAttribute("y")) + Number(bar.getAttribute("height")))));
    expect(bottoms.size).toBe(1);
  });

  it("says plainly that no tasks were completed when every day is zero, with no empty chart", () => {
    renderPage(() => inFormat("en-US", <CompletedPerDayChart data={days(new Array(28).fill(0))} />));
    expect(screen.getByText(/No tasks completed in the last 4 weeks \(from Feb 16 to Mar 15\)/)).toBeTruthy();
    expect(screen.queryByRole("img")).toBeNull();
    expect(screen.queryByRole("table")).toBeNull();
  });

  it("says the same for no days at all", () => {
    renderPage(() => <CompletedPerDayChart data={[]} />);
    expect(screen.getByText(/No tasks completed/)).toBeTruthy();
    expect(screen.queryByRole("img")).toBeNull();
  });

  it("is complete in the server's HTML, so it reads the same with JavaScript off", () => {
    const html = renderToStaticMarkup(<CompletedPerDayChart data={data} />);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+-title [^"]+-desc"/);
    expect(html).toContain("<title");
    expect(html).toContain("<desc");
    expect(html).toContain("<details");
    expect(html.match(/<tr>/g)).toHaveLength(28 + 2);
    expect(html).not.toContain("<script");
  });
});

describe("the status breakdown", () => {
  const counts = { TODO: 12, IN_PROGRESS: 3, DONE: 15 };

  it("is an image named by its <title> and <desc>, with every number in the description", () => {
    renderPage(() => <StatusBreakdownChart counts={counts} />);
    const svg = screen.getByRole("img", { name: /Tasks by status/ });
    const [title, desc] = labelledByTexts(svg);
    expect(title?.tagName.toLowerCase()).toBe("title");
    expect(desc?.tagName.toLowerCase()).toBe("desc");
    expect(desc?.textContent).toBe("Stacked bar of all 30 tasks: To do 12 (40%), In progress 3 (10%), Done 15 (50%).");
  });

  it("draws each status as a segment as wide as its share", () => {
    renderPage(() => <StatusBreakdownChart counts={counts} />);
    const segments = Array.from(screen.getByRole("img").querySelectorAll("rect.chart__segment"));
    const widths: Record<string, number> = Object.fromEntries(
      segments.map((rect) => [rect.getAttribute("data-status"), Number(rect.getAttribute("width"))]),
    );
    const full = Object.values(widths).reduce((a, b) => a + b, 0);
    expect(widths.TODO! / full).toBeCloseTo(12 / 30, 3);
    expect(widths.IN_PROGRESS! / full).toBeCloseTo(3 / 30, 3);
    expect(widths.DONE! / full).toBeCloseTo(15 / 30, 3);
  });

  it("has a legend table with the same numbers, each status linking to its list", () => {
    renderPage(() => <StatusBreakdownChart counts={counts} />);
    const table = screen.getByRole("table", { name: "Tasks by status" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => Array.from(row.children).map((cell) => cell.textContent))).toEqual([
      ["To do", "12", "40%"],
      ["In progress", "3", "10%"],
      ["Done", "15", "50%"],
    ]);
    expect(within(table).getByRole("link", { name: "In progress" }).getAttribute("href")).toBe("/tasks?status=IN_PROGRESS");
  });

  it("leaves out an empty status's segment but keeps it in the table, and never rounds a share to 0%", () => {
    renderPage(() => <StatusBreakdownChart counts={{ TODO: 999, IN_PROGRESS: 0, DONE: 1 }} />);
    expect(screen.getByRole("img").querySelectorAll("rect.chart__segment")).toHaveLength(2);
    const rows = within(screen.getByRole("table")).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.lastElementChild?.textContent)).toEqual(["100%", "0%", "<1%"]);
  });

  it("says there are no tasks yet instead of drawing an empty bar", () => {
    renderPage(() => <StatusBreakdownChart counts={{ TODO: 0, IN_PROGRESS: 0, DONE: 0 }} />);
    expect(screen.getByText(/No tasks yet/)).toBeTruthy();
    expect(screen.queryByRole("img")).toBeNull();
  });
});

describe("the dashboard", () => {
  const task = (title: string, overrides: Partial<DashboardData["overdue"][number]> = {}) => ({
    id: `id-${title.length}-${overrides.status ?? "TODO"}`,
    title,
    status: "TODO" as const,
    assignee: null,
    dueDate: null,
    overdue: false,
    ...overrides,
  });
  const dashboard = (overrides: Partial<DashboardData> = {}): DashboardData => ({
    counts: { TODO: 4, IN_PROGRESS: 2, DONE: 6, overdue: 3 },
    assignedToMe: [],
    overdue: [],
    activity: [],
    completedPerDay: days(FOUR_WEEKS),
    ...overrides,
  });

  it("shows every title, name and activity text escaped, never as markup", () => {
    const { container } = renderPage(() => (
      <DashboardView
        name={EVIL}
        dashboard={dashboard({
          assignedToMe: [task(EVIL, { status: "IN_PROGRESS" })],
          overdue: [task(EVIL, { dueDate: "2031-03-01", overdue: true, assignee: { name: EVIL } })],
          activity: [
            {
              id: "a1",
              sentence: [
                { type: "person", id: "u1", name: EVIL },
                { type: "text", text: " created " },
                { type: "task", id: "t1", name: EVIL, exists: true },
              ],
              createdAt: new Date("2031-03-15T09:00:00Z"),
            },
          ],
        })}
      />
    ));
    expect(container.querySelectorAll("script")).toHaveLength(0);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe(`Welcome, ${EVIL}`);
    // Two tasks, and the activity's person and task.
    expect(screen.getAllByRole("link", { name: EVIL })).toHaveLength(4);
    expect(screen.getAllByText(EVIL).length).toBeGreaterThanOrEqual(5);
    expect(container.innerHTML).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("links each count to its filtered list, overdue to ?overdue=true", () => {
    renderPage(() => <DashboardView name="Ada" dashboard={dashboard()} />);
    const counts = screen.getByRole("list", { name: "Tasks at a glance" });
    expect(within(counts).getAllByRole("link").map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["4 To do", "/tasks?status=TODO"],
      ["2 In progress", "/tasks?status=IN_PROGRESS"],
      ["6 Done", "/tasks?status=DONE"],
      ["3 Overdue", "/tasks?overdue=true"],
    ]);
  });

  it("lists the tasks assigned to you and the overdue ones, each linking to the task, with due days in words", () => {
    renderPage(() => (
      <DashboardView
        name="Ada"
        dashboard={dashboard({
          assignedToMe: [task("Write the release notes", { dueDate: "2031-03-20" })],
          overdue: [task("Renew the certificate", { dueDate: "2031-03-01", overdue: true })],
        })}
      />
    ));
    const assigned = screen.getByRole("region", { name: "Assigned to you" });
    expect(within(assigned).getByRole("link", { name: "Write the release notes" }).getAttribute("href")).toMatch(/^\/tasks\/id-/);
    expect(within(assigned).getByText(/due/).textContent).toBe("due 2031-03-20");
    const overdue = screen.getByRole("region", { name: "Overdue" });
    expect(within(overdue).getByText(/was due/).textContent).toBe("overdue, was due 2031-03-01");
    expect(within(overdue).getByText("unassigned")).toBeTruthy();
    expect(within(overdue).getByRole("link", { name: "All overdue tasks (3)" }).getAttribute("href")).toBe("/tasks?overdue=true");
  });

  it("says so when nothing is assigned, overdue or recorded yet", () => {
    renderPage(() => (
      <DashboardView name="Ada" dashboard={dashboard({ counts: { TODO: 0, IN_PROGRESS: 0, DONE: 0, overdue: 0 }, completedPerDay: days(new Array(28).fill(0)) })} />
    ));
    expect(screen.getByText("Nothing open is assigned to you.")).toBeTruthy();
    expect(screen.getByText("Nothing is overdue.")).toBeTruthy();
    expect(screen.getByText("Nothing has happened yet.")).toBeTruthy();
    expect(screen.getByText(/No tasks completed in the last 4 weeks/)).toBeTruthy();
    expect(screen.getByText(/No tasks yet/)).toBeTruthy();
  });
});
