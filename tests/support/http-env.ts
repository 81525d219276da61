import { HTTP_DB } from "./http-server.ts";

// Arranging data for HTTP tests goes straight to the server's database file (SQLite in WAL
// mode is shared safely between processes); what is under test is only ever reached over HTTP.
process.env.DATABASE_URL = `file:${HTTP_DB}`;
