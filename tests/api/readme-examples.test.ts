import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HTTP_ADMIN, HTTP_DIR } from "#tests/support/http-server.ts";
import { baseUrl, checkAgainstDocument } from "./support.ts";

/**
 * The README's curl examples, run as written (only the host and the printed login swapped in)
 * against `npm start`, and every API answer they print checked against /api/openapi.json.
 */
function readmeShellBlocks() {
  const readme = readFileSync("README.md", "utf8");
  const section = readme.slice(readme.indexOf("## The API"), readme.indexOf("\n## ", readme.indexOf("## The API") + 1));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

/** Splits `curl -i` output into status, headers and body. */
function parseHttp(output: string) {
  const [head, ...rest] = output.replace(/\r\n/g, "\n").split("\n\n");
  const [statusLine, ...headerLines] = head!.split("\n");
  const headers = new Headers(headerLines.map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 1).trim()] as [string, string]));
  const text = rest.join("\n\n");
  return { status: Number(statusLine!.split(" ")[1]), headers, text, body: JSON.parse(text) };
}

describe("the README's curl examples", () => {
  it("work as written and answer what the OpenAPI document says", async () => {
    const blocks = readmeShellBlocks();
    expect(blocks).toHaveLength(4);
    const jar = path.join(HTTP_DIR, "readme-examples.jar"); // removed with the folder at the next run
    const adapt = (block: string) =>
      block
        .replaceAll("http://localhost:3000", baseUrl())
        .replaceAll("admin@tandem.local", HTTP_ADMIN.email)
        .replaceAll("THE-PRINTED-PASSWORD", HTTP_ADMIN.password)
        .replaceAll("/tmp/tandem.jar", jar);
    const [getToken, listTeam, addPerson, notifications] = blocks.map(adapt);
    // Two commands: list the unread, then mark all read.
    const [listUnread, markAllRead] = notifications!.split(/\n(?=curl )/);
    const script = [
      "set -euo pipefail",
      getToken,
      'echo "TOKEN=$TANDEM_TOKEN"',
      'echo "@@"',
      listTeam,
      'echo "@@"',
      addPerson,
      'echo "@@"',
      addPerson, // the retry: same key, same body
      'echo "@@"',
      listUnread,
      'echo "@@"',
      markAllRead,
    ].join("\n");
    const output = execFileSync("bash", ["-c", script], { encoding: "utf8" });
    const [tokenLine, listed, created, replayed, unread, marked] = output.split("@@\n").map((part) => part.trim());

    expect(tokenLine).toMatch(/^TOKEN=tdm_[A-Za-z0-9_-]{20,}$/);

    const list = { status: 200, headers: new Headers({ "content-type": "application/json" }), text: listed!, body: JSON.parse(listed!) };
    await checkAgainstDocument("GET", "/api/users", list);
    expect(list.body.data.length).toBeGreaterThanOrEqual(1);
    expect(list.body.data.length).toBeLessThanOrEqual(2);

    const first = parseHttp(created!);
    await checkAgainstDocument("POST", "/api/users", first);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ email: "grace@example.com", name: "Grace Hopper" });
    expect(first.headers.get("location")).toBe(`/api/users/${first.body.id}`);

    const second = parseHttp(replayed!);
    await checkAgainstDocument("POST", "/api/users", second);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);

    const asJson = (text: string) => ({ status: 200, headers: new Headers({ "content-type": "application/json" }), text, body: JSON.parse(text) });
    await checkAgainstDocument("GET", "/api/notifications", asJson(unread!));
    expect(asJson(unread!).body).toMatchObject({ data: expect.any(Array) });
    await checkAgainstDocument("POST", "/api/notifications/read", asJson(marked!));
    expect(asJson(marked!).body).toMatchObject({ unread: 0 });
  });
});
