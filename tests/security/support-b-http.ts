import http from "node:http";
import net from "node:net";
import { db } from "../../services/db/client.ts";
import { baseUrl } from "../api/support.ts";
import { databaseSnapshot } from "../support/factories.ts";

/**
 * Helper B's tools for the input, login, header and error attacks: requests fetch will not
 * send (a lying Content-Length, a chunked body of any size) and a picture of what a refused
 * request must leave alone.
 */

export type Answer = { status: number; headers: Headers; text: string };

function toHeaders(raw: http.IncomingHttpHeaders) {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

/** A form post as a browser sends it (same-site Origin, urlencoded), redirects not followed. */
export async function postPage(path: string, { cookie, body, headers = {} }: { cookie?: string; body: string | URLSearchParams; headers?: Record<string, string> }): Promise<Answer> {
  const response = await fetch(`${baseUrl()}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: baseUrl(),
      ...(cookie ? { Cookie: cookie } : {}),
      ...headers,
    },
    body,
  });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

export async function getPage(path: string, { cookie, headers = {} }: { cookie?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(`${baseUrl()}${path}`, { redirect: "manual", headers: { ...(cookie ? { Cookie: cookie } : {}), ...headers } });
  return { status: response.status, headers: response.headers, text: await response.text() };
}

/**
 * Sends `total` bytes of `fill` as a chunked body (no Content-Length), stopping as soon as the
 * server answers; resolves with the answer and how much was sent by then.
 */
export function sendChunked(path: string, { headers, total, fill = "x" }: { headers: Record<string, string>; total: number; fill?: string }) {
  const chunk = Buffer.alloc(64 * 1024, fill);
  return new Promise<Answer & { sent: number }>((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const request = http.request(`${baseUrl()}${path}`, { method: "POST", headers: { ...headers, "Transfer-Encoding": "chunked" } });
    request.on("response", (response) => {
      answered = true;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (data) => (text += data));
      response.on("end", () => resolve({ status: response.statusCode!, headers: toHeaders(response.headers), text, sent }));
    });
    // Once the server has answered and closed, writing fails; that is expected.
    request.on("error", (error) => (answered ? undefined : reject(error)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.byteLength;
        if (!request.write(chunk)) return request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

/**
 * Writes `head` and `body` on a bare socket, byte for byte (headers that contradict the body
 * included), and returns the first answer. Resolves when the server closes or `waitMs` passes.
 */
export function rawExchange(head: string, body: string | Buffer = "", waitMs = 5_000) {
  const url = new URL(baseUrl());
  return new Promise<{ status: number; raw: string }>((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let raw = "";
    const finish = () => {
      socket.destroy();
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
      resolve({ status, raw });
    };
    const timer = setTimeout(finish, waitMs);
    socket.setEncoding("utf8");
    socket.on("data", (data) => (raw += data));
    socket.on("close", () => {
      clearTimeout(timer);
      finish();
    });
    socket.on("error", (error) => (raw ? undefined : reject(error)));
    socket.write(head.replace(/\n/g, "\r\n") + "\r\n");
    if (body.length) socket.write(body);
  });
}

/** Every user, session, activity and task, to compare before and after a refused request. */
export async function everything() {
  const [snapshot, tasks] = await Promise.all([databaseSnapshot(), db.task.findMany({ orderBy: { id: "asc" } })]);
  return { ...snapshot, tasks };
}

/** Undoes React's escaping of text and attribute values, to compare what the page shows with what was typed. */
export function unescapeHtml(text: string) {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
