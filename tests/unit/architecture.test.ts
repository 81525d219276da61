import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The shape the code keeps (docs/architecture.md): route modules are thin doors onto the
 * services. They never reach into the data layer, and they hold no rule of their own: who may do
 * what is asked of services/permissions.ts.
 */
const ROUTES = path.resolve("app/routes");
const routeModules = readdirSync(ROUTES)
  .filter((name) => /\.tsx?$/.test(name))
  .map((name) => ({ name, source: readFileSync(path.join(ROUTES, name), "utf8") }));

const importsOf = (source: string) => [...source.matchAll(/^\s*import\b[^;]*?from\s+["']([^"']+)["']/gm)].map((match) => match[1]!);

describe("route modules", () => {
  it("are found (the checks below are not vacuous)", () => {
    expect(routeModules.length).toBeGreaterThan(15);
    expect(importsOf(routeModules.find((route) => route.name === "tasks.tsx")!.source)).toContain("#services/tasks.ts");
  });

  it("never import from services/db/ (database faults reach them as domain errors)", () => {
    const offenders = routeModules.filter(({ source }) => importsOf(source).some((from) => /^#services\/db\//.test(from)));
    expect(offenders.map((route) => route.name)).toEqual([]);
  });

  it("hold no role check (services/permissions.ts answers `can`)", () => {
    // A role compared in the loader or action; showing a person's role as a label is fine.
    const offenders = routeModules.filter(({ source }) => /\b(actor|auth\.actor)\.role\s*[!=]==/.test(source));
    expect(offenders.map((route) => route.name)).toEqual([]);
  });

  it("write every page action as a table of intents (app/forms/intent-action.server.ts)", () => {
    // Resource routes (the API's, /healthz) answer through apiRoute (app/api/route.server.ts) instead.
    const pages = routeModules.filter(({ source }) => !/\b(public)?[aA]piRoute\(/.test(source) && /export (async function|const) action\b/.test(source));
    expect(pages.length).toBeGreaterThan(5);
    const handWritten = pages.filter(({ source }) => !/export const action = (public)?[iI]ntentAction\(|export const action = intentAction</.test(source));
    expect(handWritten.map((route) => route.name)).toEqual([]);
  });
});

describe("imports", () => {
  // One style (docs/architecture.md): `./name.ts` for a file in the same folder, `#folder/…` (package.json
  // "imports") for anything else; never `../` climbing or an alias of another kind.
  const sources = ["app", "services", "server", "scripts", "tests", "bench"].flatMap((top) =>
    readdirSync(top, { recursive: true, encoding: "utf8" })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => ({ file: path.join(top, file), source: readFileSync(path.join(top, file), "utf8") })),
  );

  it("climb no folders and use no other alias", () => {
    expect(sources.length).toBeGreaterThan(100);
    const offenders = sources.flatMap(({ file, source }) =>
      importsOf(source)
        .filter((from) => /^(\.\.\/|~\/)/.test(from) && !from.endsWith("playwright.config.ts"))
        .map((from) => `${file}: ${from}`),
    );
    expect(offenders).toEqual([]);
  });
});
