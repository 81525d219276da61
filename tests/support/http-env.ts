import { inject } from "vitest";

// Arranging data for HTTP tests goes straight to the server's database (SQLite in WAL mode is
// shared safely between processes; PostgreSQL is a server); what is under test is only ever
// reached over HTTP.
process.env.DATABASE_URL = inject("httpDatabaseUrl");
