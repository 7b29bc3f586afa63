// Export sessions: changes are written in transactions of at most `exportTransactionSize` objects,
// each object inside its own savepoint, so a constraint violation (or any refusal) rolls back that
// object only and is reported on it. A full transaction is committed as soon as it holds its quota;
// commit() commits the last one, abort() rolls the open one back (earlier transactions stay: the
// engine marks nothing exported after an abort and re-sends every change on its next export).
// A lost connection is not an object's failure: it throws ConnectivityError and stops the step.

import type { ExportSession } from "../../engine/connector.ts";
import type { ExportChange, ExportResult } from "../../engine/types.ts";
import { errorMessage, sqlFailure, type SqlSession } from "./sql-dialect.ts";
import { ChangeWriter, Refusal } from "./sql-export-change.ts";
import type { SqlLayout } from "./sql-layout.ts";

const SAVEPOINT = "idsync_object";

/** Opens an export session on its own connection (`session`, closed when the session ends). */
export function openSqlExport(session: SqlSession, layout: SqlLayout): ExportSession {
  return new SqlExportSession(session, layout);
}

class SqlExportSession implements ExportSession {
  private readonly writer: ChangeWriter;
  private inTransaction = 0;
  private open = false;
  private state: "open" | "committed" | "aborted" = "open";

  constructor(
    private readonly session: SqlSession,
    private readonly layout: SqlLayout,
  ) {
    this.writer = new ChangeWriter(session, layout);
  }

  private fail(e: unknown, doing: string): Error {
    return sqlFailure(this.layout.dialect, this.layout.config, e, doing, "sql-export-failed");
  }

  private async begin(): Promise<void> {
    const kind = this.layout.dialect.kind;
    await this.session.run(kind === "sqlite" ? "BEGIN IMMEDIATE" : kind === "mysql" ? "START TRANSACTION" : "BEGIN");
    this.open = true;
    this.inTransaction = 0;
  }

  private async commitOpen(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.session.run("COMMIT");
  }

  /** One change in its savepoint: the result, or the refusal/constraint violation as a failed result. */
  private async writeOne(change: ExportChange): Promise<ExportResult> {
    const { dialect } = this.layout;
    await this.session.run(`SAVEPOINT ${SAVEPOINT}`);
    try {
      const result = await this.writer.apply(change);
      await this.session.run(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      return result;
    } catch (e) {
      if (!(e instanceof Refusal) && dialect.connectivityCode(e)) throw e;
      await this.session.run(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      await this.session.run(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      if (e instanceof Refusal) return { id: change.id, ok: false, code: e.code, message: e.message, anchor: change.anchor ?? undefined };
      const code = dialect.isConstraintViolation(e) ? "sql-constraint-violation" : "sql-export-failed";
      return { id: change.id, ok: false, code, message: `${this.layout.main.name}: ${change.op} ${change.anchor ?? change.dn}: ${errorMessage(e)}`, anchor: change.anchor ?? undefined };
    }
  }

  /** Writes a batch; results per change, in order. */
  async write(batch: ExportChange[]): Promise<ExportResult[]> {
    if (this.state !== "open") throw new Error(`export session to ${this.layout.main.name} is already ${this.state}`);
    const results: ExportResult[] = [];
    try {
      for (const change of batch) {
        if (!this.open) await this.begin();
        results.push(await this.writeOne(change));
        if (++this.inTransaction >= this.layout.config.exportTransactionSize) await this.commitOpen();
      }
    } catch (e) {
      throw this.fail(e, "export");
    }
    return results;
  }

  /** Commits the open transaction and closes the connection. */
  async commit(): Promise<void> {
    if (this.state !== "open") throw new Error(`export session to ${this.layout.main.name} is already ${this.state}`);
    this.state = "committed";
    try {
      await this.commitOpen();
    } catch (e) {
      throw this.fail(e, "commit");
    } finally {
      await this.session.close();
    }
  }

  /** Rolls the open transaction back and closes the connection. */
  async abort(): Promise<void> {
    if (this.state !== "open") return;
    this.state = "aborted";
    if (this.open) await this.session.run("ROLLBACK").catch(() => undefined);
    this.open = false;
    await this.session.close();
  }
}
