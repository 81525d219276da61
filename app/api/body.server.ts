import { BODY_LIMIT_BYTES, BodyTooLargeError, readBodyWithin } from "#app/body-limit.server.ts";
import { badRequest, HttpProblem } from "./problem.server.ts";

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
  const text = await readUtf8Within(request, limit);
  if (text.trim() === "") throw badRequest("The request body is empty; send a JSON object.");
  try {
    return { value: JSON.parse(text), text };
  } catch (error) {
    throw badRequest(`The body is not valid JSON: ${(error as Error).message}`);
  }
}

async function readUtf8Within(request: Request, limit: number) {
  let bytes: Buffer;
  try {
    bytes = await readBodyWithin(request, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new HttpProblem(413, "payload-too-large", "Content Too Large", error.message);
    throw error;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw badRequest("The body is not valid UTF-8.");
  }
}
