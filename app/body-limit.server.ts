/**
 * The request body limit both doors share (docs/design.md §6): the API's JSON and the pages' forms
 * are read through here, so a body over the limit is refused while it arrives, whether it
 * declared its length or came chunked, and never more than the limit is held in memory.
 */
export const BODY_LIMIT_BYTES = Number(process.env.BODY_LIMIT_BYTES ?? 1024 * 1024);

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The request body is over the limit of ${limit} bytes.`);
  }
}

/** The body's bytes, or BodyTooLargeError as soon as the declared or received size passes `limit`. */
export async function readBodyWithin(request: Request, limit = BODY_LIMIT_BYTES): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (!request.body) {
    if (declared > limit) throw new BodyTooLargeError(limit);
    return Buffer.alloc(0);
  }
  const reader = request.body.getReader();
  if (declared > limit) {
    // Refused on the declaration alone: nothing is kept, and what arrives is only drained.
    await discardRest(reader, limit);
    throw new BodyTooLargeError(limit);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discardRest(reader, limit);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
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
  while (discarded <= DISCARD_BOUND.factor * limit) {
    // A client that claims more than it sends must not hold the answer back past the deadline.
    const read = reader.read();
    read.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), Math.max(0, deadline - Date.now()))));
    const result = await Promise.race([read, late]);
    clearTimeout(timer);
    if (result === "late") break;
    if (result.done) return;
    discarded += result.value.byteLength;
  }
  try {
    reader.releaseLock();
  } catch {
    // A read still pending: the answer closes the connection anyway.
  }
}
