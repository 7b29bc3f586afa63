// Which database IdSync talks to: an embedded SQLite file by default, PostgreSQL for scale.
import path from "node:path";
import { AppError } from "../errors/app-error.ts";

export type DatabaseTarget =
  | { provider: "sqlite"; url: string; file: string }
  | { provider: "postgres"; url: string };

export const DEFAULT_DATABASE_URL = "file:./data/idsync.db";

export function resolveDatabaseUrl(raw: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  const url = (raw ?? "").trim() || DEFAULT_DATABASE_URL;
  if (url.startsWith("file:")) {
    const rel = url.slice("file:".length);
    if (!rel) throw new AppError("DATABASE_URL_INVALID", `DATABASE_URL "${url}" names no file: use file:./data/idsync.db`);
    const file = path.resolve(rel);
    return { provider: "sqlite", url: `file:${file}`, file };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    try {
      const u = new URL(url);
      if (!u.hostname || u.pathname.length < 2) throw new Error("no host or database");
    } catch {
      throw new AppError("DATABASE_URL_INVALID", `DATABASE_URL is not a valid PostgreSQL URL: expected postgres://user@host:5432/database`);
    }
    return { provider: "postgres", url };
  }
  throw new AppError(
    "DATABASE_URL_INVALID",
    `DATABASE_URL must start with file: (SQLite) or postgres:// (PostgreSQL); got "${url.split(":")[0]}:..."`,
  );
}
