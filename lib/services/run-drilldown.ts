// The run drill-down (helpdesk may read it): the objects behind one counter of a step, or its errors.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { StepDrillDown } from "../dto/run.ts";
import { AppError } from "../errors/app-error.ts";
import type { StepDrillDownQuery } from "../schemas/runs.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectStepErrors, selectStepHeader, selectStepObjects } from "../store/run-drilldown-queries.ts";

export const DRILLDOWN_PAGE_SIZE = 50;

export async function getStepDrillDown(
  actor: SessionUser,
  runId: string,
  stepId: string,
  query: StepDrillDownQuery,
  db: Db = getDb(),
  pageSize = DRILLDOWN_PAGE_SIZE,
): Promise<StepDrillDown> {
  assertRole(actor, "helpdesk");
  const header = await selectStepHeader(runId, stepId, db);
  if (!header) throw new AppError("NOT_FOUND", `run ${runId} has no step ${stepId}`);
  if (query.view === "errors") {
    return { ...header, counter: null, objects: null, errors: await selectStepErrors(stepId, query.page, pageSize, db) };
  }
  const counter = query.counter ?? Object.keys(header.step.stats).find((c) => c !== "errors") ?? null;
  const objects = counter ? await selectStepObjects(stepId, counter, query.page, pageSize, db) : null;
  return { ...header, counter, objects, errors: null };
}
