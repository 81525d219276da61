import { spawn } from "node:child_process";
import { prepareDatabase } from "./prepare-database.ts";

/** `npm run dev`: the same database preparation as `npm start`, then Vite with hot reload. */
await prepareDatabase();
const dev = spawn("npx", ["remix", "vite:dev"], { stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));
