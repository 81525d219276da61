import { createServer, type Server, type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "#prisma/generated/postgres/client.ts";
import { databaseUnavailable } from "#services/db/errors.ts";
import { TandemPostgresAdapterFactory } from "#services/db/postgres-adapter.ts";
import { databaseProvider } from "#services/db/url.ts";
import { ServiceUnavailableError } from "#services/errors.ts";

/** What a call failed with (it must fail). */
async function failure(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

// Real errors from real connections: a port nobody listens on, and one that accepts and never answers.
describe.runIf(databaseProvider() === "postgres")("a PostgreSQL server that cannot be reached is 'unavailable', not a crash", () => {
  let silent: Server;
  const sockets: Socket[] = [];
  let deadUrl: string;
  let silentUrl: string;

  beforeAll(async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    deadUrl = `postgresql://tandem@127.0.0.1:${(closed.address() as { port: number }).port}/tandem`;
    await new Promise((resolve) => closed.close(resolve));
    silent = createServer((socket) => sockets.push(socket)); // takes the connection, never speaks
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    silentUrl = `postgresql://tandem@127.0.0.1:${(silent.address() as { port: number }).port}/tandem`;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  it("through Prisma Client, a query and a transaction", async () => {
    const client = new PrismaClient({ adapter: new TandemPostgresAdapterFactory(deadUrl) });
    for (const error of [await failure(() => client.user.findFirst()), await failure(() => client.$transaction(async (tx) => tx.user.count()))]) {
      expect(databaseUnavailable(error)).toBeInstanceOf(ServiceUnavailableError);
    }
  });

  it("through the adapter directly (the hot reads and the task create)", async () => {
    const adapter = await new TandemPostgresAdapterFactory(deadUrl).connect();
    const read = await failure(() => adapter.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] }));
    const transaction = await failure(() => adapter.startTransaction());
    expect(databaseUnavailable(read)?.retryAfterSeconds).toBe(5);
    expect(databaseUnavailable(transaction)).toBeInstanceOf(ServiceUnavailableError);
    await adapter.dispose();
  });

  it("through pg directly (the API rate limit's store)", async () => {
    const pool = new pg.Pool({ connectionString: deadUrl });
    const error = await failure(() => pool.query("SELECT 1"));
    expect(databaseUnavailable(error)).toBeInstanceOf(ServiceUnavailableError);
    await pool.end();
  });

  it("when the server takes the connection and never answers: after the pool's 5 s, not never", async () => {
    const adapter = await new TandemPostgresAdapterFactory(silentUrl).connect();
    const started = Date.now();
    const error = await failure(() => adapter.queryRaw({ sql: "SELECT 1", args: [], argTypes: [] }));
    expect(databaseUnavailable(error)).toBeInstanceOf(ServiceUnavailableError);
    expect(Date.now() - started).toBeLessThan(15_000);
    await adapter.dispose();
  }, 20_000);

  it("leaves other errors alone", async () => {
    expect(databaseUnavailable(new Error("something else"))).toBeNull();
    expect(databaseUnavailable({ code: "P2002" })).toBeNull();
  });
});
