import { Link } from "@remix-run/react";
import { useId } from "react";
import { formatDay } from "#app/time/format.ts";
import { STATUS_LABELS, type TaskStatus } from "./task-status.tsx";
import { Day, useTimeSettings } from "./when.tsx";

/*
 * The dashboard's charts, drawn as plain SVG by React on the server.
 *
 * Why no chart library: the two charts here are a row of bars and one stacked bar, a few dozen
 * lines of arithmetic. The usual libraries (Recharts, Chart.js, Victory, Nivo) measure the DOM or
 * draw on a <canvas> in the browser, so with JavaScript off the page would show nothing, and every
 * visitor would download 50 to 150 kB for it. Plain SVG renders in the server's HTML, is escaped by
 * React like any other text, and leaves accessibility in our hands: each <svg role="img"> is named
 * by its <title> and <desc>, and the same numbers are given as a real table beside it.
 */

export type DayCount = { /** YYYY-MM-DD, a day in the viewer's zone (services/dashboard.ts) */ date: string; count: number };
export type StatusCounts = Record<TaskStatus, number>;

const STATUSES: TaskStatus[] = ["TODO", "IN_PROGRESS", "DONE"];

/** Colours chosen for at least 3:1 contrast against white (WCAG 1.4.11); never the only cue. */
export const STATUS_COLOURS: Record<TaskStatus, string> = { TODO: "#5b6475", IN_PROGRESS: "#2450c8", DONE: "#067647" };


const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

// ---- Bar chart: tasks completed per day ----

const BAR_CHART = { width: 640, height: 200, top: 12, right: 8, bottom: 26, left: 32 } as const;

/** The bars' geometry, exported so a test can check the drawing against the data. */
export function barLayout(data: DayCount[]) {
  const { width, height, top, right, bottom, left } = BAR_CHART;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const max = Math.max(0, ...data.map((day) => day.count));
  const slot = data.length ? plotWidth / data.length : plotWidth;
  const barWidth = Math.max(1, slot * 0.72);
  const bars = data.map((day, i) => {
    const barHeight = max ? (day.count / max) * plotHeight : 0;
    return { ...day, x: left + i * slot + (slot - barWidth) / 2, y: top + plotHeight - barHeight, width: barWidth, height: barHeight };
  });
  return { bars, max, baseline: top + plotHeight, plotWidth, plotHeight };
}

export function CompletedPerDayChart({ data }: { data: DayCount[] }) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  // "Mar 1" or "1 Mar", in the viewer's format: the day as the dashboard counted it, not moved by a zone.
  const settings = useTimeSettings();
  const shortDate = (day: string) => formatDay(day, settings, true);
  const total = data.reduce((sum, day) => sum + day.count, 0);
  const first = data[0]?.date;
  const last = data.at(-1)?.date;
  const span = first && last ? `from ${shortDate(first)} to ${shortDate(last)}` : "";
  const weeks = Math.round(data.length / 7);
  const period = weeks >= 1 && data.length % 7 === 0 ? `the last ${plural(weeks, "week", "weeks")}` : `the last ${plural(data.length, "day", "days")}`;

  if (total === 0) {
    return (
      <p className="chart__empty">
        No tasks completed in {period}
        {span ? ` (${span})` : ""}. Finished tasks will show here, one bar per day.
      </p>
    );
  }

  const { bars, max, baseline, plotWidth, plotHeight } = barLayout(data);
  const busiest = data.reduce((best, day) => (day.count > best.count ? day : best));
  const { width, left, right, top } = BAR_CHART;
  // Where a bar's middle is, as a share of the plot's width: the day labels below are placed by it.
  const share = (bar: (typeof bars)[number]) => `${round(((bar.x + bar.width / 2 - left) / plotWidth) * 100)}%`;
  return (
    <figure className="chart">
      {/*
       * The bars stretch with the window (viewBox, preserveAspectRatio none), but text drawn in that
       * SVG would shrink with it (to 5 px on a phone). So the scale's numbers are HTML beside it and
       * the day labels a second SVG without a viewBox: both keep the page's font size. They repeat
       * what the <desc> and the table say, so they are hidden from assistive technology.
       */}
      <div className="chart__frame">
        <div className="chart__y" aria-hidden="true">
          <span className="chart__label">{max}</span>
          <span className="chart__label">0</span>
        </div>
        <svg
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          viewBox={`${left} ${top} ${plotWidth} ${plotHeight}`}
          className="chart__svg chart__svg--bars"
          preserveAspectRatio="none"
        >
          <title id={titleId}>Tasks completed per day</title>
          <desc id={descId}>
            {`Bar chart, one bar per day ${span}: ${plural(total, "task", "tasks")} completed in all, at most ${busiest.count} on ${shortDate(busiest.date)}. The table below has every day's number.`}
          </desc>
          {/* the baseline, and a dashed line at the top of the scale */}
          <line x1={left} x2={width - right} y1={baseline} y2={baseline} className="chart__axis" stroke="#8b93a3" vectorEffect="non-scaling-stroke" />
          <line
            x1={left}
            x2={width - right}
            y1={top}
            y2={top}
            className="chart__grid"
            stroke="#d9dde5"
            strokeDasharray="3 3"
            vectorEffect="non-scaling-stroke"
          />
          {bars.map((bar) => (
            <rect
              key={bar.date}
              className="chart__bar"
              data-date={bar.date}
              data-count={bar.count}
              x={round(bar.x)}
              y={round(bar.y)}
              width={round(bar.width)}
              height={round(bar.height)}
              fill={STATUS_COLOURS.DONE}
            >
              <title>{`${shortDate(bar.date)}: ${plural(bar.count, "task", "tasks")} completed`}</title>
            </rect>
          ))}
        </svg>
        {/* x axis: the first day of each week, and today; on a narrow window every other week */}
        <svg className="chart__x" aria-hidden="true" focusable="false">
          {bars.map((bar, i) =>
            i % 7 === 0 || i === bars.length - 1 ? (
              <text
                key={`label-${bar.date}`}
                x={i === bars.length - 1 ? "100%" : i === 0 ? "0" : share(bar)}
                y="1em"
                textAnchor={i === bars.length - 1 ? "end" : i === 0 ? "start" : "middle"}
                className={i % 14 === 7 && i !== bars.length - 1 ? "chart__label chart__label--minor" : "chart__label"}
              >
                {i === bars.length - 1 ? "today" : shortDate(bar.date)}
              </text>
            ) : null,
          )}
        </svg>
      </div>
      <details className="chart__data">
        <summary>Show the numbers as a table</summary>
        <table className="table table--compact">
          <caption>Tasks completed per day, {span}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Completed</th>
            </tr>
          </thead>
          <tbody>
            {data.map((day) => (
              <tr key={day.date}>
                <th scope="row">
                  <Day value={day.date} />
                </th>
                <td>{day.count}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Total</th>
              <td>{total}</td>
            </tr>
          </tfoot>
        </table>
      </details>
    </figure>
  );
}

// ---- Stacked bar: tasks by status ----

const STACK = { width: 640, height: 32 } as const;

export function statusSegments(counts: StatusCounts) {
  const total = STATUSES.reduce((sum, status) => sum + counts[status], 0);
  let x = 0;
  return STATUSES.map((status) => {
    const width = total ? (counts[status] / total) * STACK.width : 0;
    const segment = { status, count: counts[status], x, width, share: total ? counts[status] / total : 0 };
    x += width;
    return segment;
  });
}

/** "40%", whole percentages; a share that is not zero never shows as "0%". */
function percent(share: number) {
  if (share > 0 && share < 0.005) return "<1%";
  return `${Math.round(share * 100)}%`;
}

export function StatusBreakdownChart({ counts }: { counts: StatusCounts }) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const segments = statusSegments(counts);
  const total = segments.reduce((sum, segment) => sum + segment.count, 0);

  if (total === 0) return <p className="chart__empty">No tasks yet, so nothing to break down by status.</p>;

  const summary = segments.map((s) => `${STATUS_LABELS[s.status]} ${s.count} (${percent(s.share)})`).join(", ");
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        viewBox={`0 0 ${STACK.width} ${STACK.height}`}
        className="chart__svg chart__svg--stack"
        preserveAspectRatio="none"
      >
        <title id={titleId}>Tasks by status</title>
        <desc id={descId}>{`Stacked bar of all ${plural(total, "task", "tasks")}: ${summary}.`}</desc>
        {segments.map((segment) =>
          segment.count > 0 ? (
            <rect
              key={segment.status}
              className={`chart__segment chart__segment--${segment.status.toLowerCase()}`}
              data-status={segment.status}
              data-count={segment.count}
              x={round(segment.x)}
              y={0}
              width={round(segment.width)}
              height={STACK.height}
              fill={STATUS_COLOURS[segment.status]}
              stroke="#ffffff"
              strokeWidth={2}
              vectorEffect="non-scaling-stroke"
            >
              <title>{`${STATUS_LABELS[segment.status]}: ${segment.count} (${percent(segment.share)})`}</title>
            </rect>
          ) : null,
        )}
      </svg>
      {/* The legend is the text alternative: the same numbers, each a link to that list. */}
      <table className="chart__legend">
        <caption className="visually-hidden">Tasks by status</caption>
        <thead className="visually-hidden">
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Tasks</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {segments.map((segment) => (
            <tr key={segment.status}>
              <th scope="row">
                <span className={`chart__swatch chart__swatch--${segment.status}`} aria-hidden="true" />
                <Link to={`/tasks?status=${segment.status}`}>{STATUS_LABELS[segment.status]}</Link>
              </th>
              <td>{segment.count}</td>
              <td>{percent(segment.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function round(value: number) {
  return Math.round(value * 100) / 100;
}
