// Writes of the Run row: one run per MA at a time, start/finish, heartbeats, and the release of
// runs whose worker died (marked stopped-server so the next start can go).
import { AppError } from "../errors/app-error.ts";
import type { RunStatus } from "../engine/types.ts";
import type { Db } from "./db.ts";

const ACTIVE = ["queued", "in-progress"];

export async function createRun(
  db: Db,
  input: { maId: string; maName: string; profileName: string; trigger: string; startedBy: string; status?: "queued" | "in-progress" },
): Promise<string> {
  return db.$transaction(async (tx) => {
    const active = await tx.run.findFirst({ where: { maId: input.maId, status: { in: ACTIVE } } });
    if (active) {
      throw new AppError("RUN_IN_PROGRESS", `MA "${input.maName}" already has a run in progress (${active.profileName}, started by ${active.startedBy}); wait for it to finish`);
    }
    const run = await tx.run.create({
      data: {
        maId: input.maId,
        profileName: input.profileName,
        trigger: input.trigger,
        startedBy: input.startedBy,
        status: input.status ?? "in-progress",
        heartbeatAt: new Date(),
        ...(input.status === "queued" ? {} : { startedAt: new Date() }),
      },
    });
    return run.id;
  });
}

export async function markRunStarted(db: Db, runId: string): Promise<void> {
  await db.run.updateMany({ where: { id: runId, status: "queued" }, data: { status: "in-progress", startedAt: new Date(), heartbeatAt: new Date() } });
}

export async function finishRun(db: Db, runId: string, status: RunStatus, message?: string): Promise<void> {
  await db.run.update({ where: { id: runId }, data: { status, message: message ?? null, endedAt: new Date() } });
}

/**
 * Records an admin's request to stop the run if it is queued or in progress (the first request
 * stands); returns the run as it is afterwards, or null when there is no such run.
 */
export async function recordStopRequest(db: Db, runId: string, by: string): Promise<{ status: string; stopRequestedAt: Date | null; stopRequestedBy: string | null } | null> {
  await db.run.updateMany({ where: { id: runId, status: { in: ACTIVE }, stopRequestedAt: null }, data: { stopRequestedAt: new Date(), stopRequestedBy: by } });
  return db.run.findUnique({ where: { id: runId }, select: { status: true, stopRequestedAt: true, stopRequestedBy: true } });
}

/** Ends a run no worker has taken yet (a worker taking it later finds it ended); false when it was no longer queued. */
export async function endQueuedRun(db: Db, runId: string, status: RunStatus, message: string): Promise<boolean> {
  const r = await db.run.updateMany({ where: { id: runId, status: "queued" }, data: { status, message, endedAt: new Date() } });
  return r.count === 1;
}

/** Who asked the run to stop, and when; null while nobody did. */
export async function stopRequestOf(db: Db, runId: string): Promise<{ at: Date; by: string } | null> {
  const run = await db.run.findUnique({ where: { id: runId }, select: { stopRequestedAt: true, stopRequestedBy: true } });
  return run?.stopRequestedAt ? { at: run.stopRequestedAt, by: run.stopRequestedBy ?? "?" } : null;
}

export async function heartbeat(db: Db, runId: string): Promise<void> {
  await db.run.update({ where: { id: runId }, data: { heartbeatAt: new Date() } });
}

/**
 * Marks runs whose worker stopped beating as stopped-server (and their open steps). With
 * `olderThanMs = 0` every active run is released: used at start of a single-process server.
 */
export async function releaseDeadRuns(db: Db, olderThanMs: number): Promise<number> {
  const cutoff = new Date(Date.now() - olderThanMs);
  const dead = await db.run.findMany({
    // queued runs wait for a worker; only a run a worker took (in-progress) can lose it
    where: { status: "in-progress", OR: [{ heartbeatAt: null }, { heartbeatAt: { lt: cutoff } }] },
    select: { id: true },
  });
  if (dead.length === 0) return 0;
  const ids = dead.map((d) => d.id);
  await db.runStep.updateMany({ where: { runId: { in: ids }, status: "in-progress" }, data: { status: "stopped-server", endedAt: new Date() } });
  await db.run.updateMany({
    where: { id: { in: ids } },
    data: { status: "stopped-server", endedAt: new Date(), message: "the worker running this run stopped (server restart or crash)" },
  });
  return ids.length;
}

export async function findRunProfile(db: Db, maId: string, name: string): Promise<{ name: string; steps: { type: string }[] } | null> {
  const p = await db.runProfile.findFirst({ where: { maId, name } });
  return p ? { name: p.name, steps: JSON.parse(p.steps) } : null;
}

export async function runStatus(db: Db, runId: string) {
  return db.run.findUnique({ where: { id: runId }, include: { steps: { orderBy: { seq: "asc" } }, ma: { select: { name: true } } } });
}
