import { badRequest, HttpProblem } from "./problem.server.ts";

export const BODY_LIMIT_BYTES = Number(process.env.BODY_LIMIT_BYTES ?? 1024 * 1024);

const tooLarge = () =>
  new HttpProblem(413, "payload-too-large", "Content Too Large", `The request body is over the limit of ${BODY_LIMIT_BYTES} bytes.`);

/**
 * Reads a JSON body: content type checked first (415), the size limit enforced while the
 * bytes arrive (413, for a declared Content-Length and a chunked body alike, without reading
 * more than the limit), then parsed (400). Returns the parsed value and the exact text, which
 * idempotency keys compare.
 */
export async function readJsonBody(request: Request, limit = BODY_LIMIT_BYTES): Promise<{ value: unknown; text: string }> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== "application/json" && !/^application\/[\w.+-]+\+json$/.test(type)) {
    throw new HttpProblem(415, "unsupported-media-type", "Unsupported Media Type", "Send the body as application/json.", {
      "Accept-Post": "application/json",
    });
  }
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (declared > limit) throw tooLarge();

  const text = await readLimited(request, limit);
  if (text.trim() === "") throw badRequest("The request body is empty; send a JSON object.");
  try {
    return { value: JSON.parse(text), text };
  } catch (error) {
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * After the limit: read and drop what the client is still sending, up to a bound, so that the
 * connection can close cleanly and the client reads the 413 (closing on unread bytes makes the
 * kernel send a reset, and the client may lose the answer). Past the bound, stop reading and
 * leave the socket alone (cancelling would destroy it); the answer closes the connection.
 */
const DISCARD_BOUND = { factor: 8, ms: 2_000 };

async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number) {
  const deadline = Date.now() + DISCARD_BOUND.ms;
  let discarded = 0;
  while (discarded <= DISCARD_BOUND.factor * limit && Date.now() < deadline) {
    const { done, value } = await reader.read();
    if (done) return;
    discarded += value.byteLength;
  }
  reader.releaseLock();
}

async function readLimited(request: Request, limit: number) {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discardRest(reader, limit);
      throw tooLarge();
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw badRequest("The body is not valid UTF-8.");
  }
}
