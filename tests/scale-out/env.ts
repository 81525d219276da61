import { inject } from "vitest";

// Arranging data goes straight to the cluster's database (through the services); what is under
// test is only ever reached over HTTP, through nginx or one instance directly.
process.env.DATABASE_URL = inject("scaleOutDatabaseUrl");
