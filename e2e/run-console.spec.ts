// Running the engine from the console: start a run profile, watch it live, drill into its counters.
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { withE2eDb } from "./db.ts";
import { ADMIN } from "./users.ts";

test("admin starts a run profile from Management Agents and watches it complete with its counters", async ({ page }) => {
  await signIn(page, ADMIN, "/management-agents");
  const run = page.getByRole("form", { name: "Run HR" });
  await run.getByLabel("Run profile of HR").selectOption("Full Import");
  await run.getByRole("button", { name: "Run" }).click();

  await expect(page).toHaveURL(/\/operations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "HR · Full Import" })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("success");
  await expect(page.getByTestId("run-live-state")).toHaveText("Run ended");
  const step = page.getByRole("region", { name: "Step 1: full-import" });
  await expect(step.getByRole("progressbar", { name: "Progress of step 1" })).toBeVisible();
  await expect(step.getByTestId("progress-1")).toHaveText("10 / 10");
  await expect(step.getByTestId("counter-1-import-unchanged")).toHaveText("10");
  await expect(page.getByText(ADMIN.username, { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: "e2e-output/run-from-console.png", fullPage: true });
});

test("the run page polls while the run goes: progress and counters move without a reload, polling stops at the end", async ({ page }) => {
  // A run staged in the database, as a worker would write it, so the test sets its pace.
  const { runId, stepId } = await withE2eDb(async (db) => {
    const ma = await db.managementAgent.findUniqueOrThrow({ where: { name: "Directory" } });
    const r = await db.run.create({
      data: { maId: ma.id, profileName: "Full Sync", trigger: "user", startedBy: "e2e-live", status: "in-progress", startedAt: new Date(), heartbeatAt: new Date() },
    });
    const s = await db.runStep.create({
      data: { runId: r.id, seq: 0, type: "full-sync", status: "in-progress", progress: JSON.stringify({ done: 3, total: 8 }), stats: JSON.stringify({ "connectors-without-flow-updates": 3 }) },
    });
    return { runId: r.id, stepId: s.id };
  });
  try {
    await signIn(page, ADMIN, `/operations/${runId}`);
    await expect(page.getByTestId("run-live-state")).toHaveText("Live: updates every second");
    await expect(page.getByTestId("progress-1")).toHaveText("3 / 8");
    await expect(page.getByRole("progressbar", { name: "Progress of step 1" })).toHaveAttribute("aria-valuenow", "3");

    // The Run control of the same MA is refused while this run is in progress.
    await page.goto("/management-agents");
    const runDirectory = page.getByRole("form", { name: "Run Directory" });
    await runDirectory.getByLabel("Run profile of Directory").selectOption("Full Sync");
    await runDirectory.getByRole("button", { name: "Run" }).click();
    await expect(runDirectory.getByRole("alert")).toContainText('MA "Directory" already has a run in progress (Full Sync, started by e2e-live)');
    await expect(page).toHaveURL(/\/management-agents$/);

    await page.goto(`/operations/${runId}`);
    await expect(page.getByTestId("progress-1")).toHaveText("3 / 8");
    await withE2eDb((db) =>
      db.runStep.update({ where: { id: stepId }, data: { progress: JSON.stringify({ done: 7, total: 8 }), stats: JSON.stringify({ "connectors-without-flow-updates": 6, joins: 1 }) } }),
    );
    await expect(page.getByTestId("progress-1")).toHaveText("7 / 8", { timeout: 5_000 });
    await expect(page.getByTestId("counter-1-joins")).toHaveText("1");
    await expect(page.getByTestId("counter-1-connectors-without-flow-updates")).toHaveText("6");

    await withE2eDb(async (db) => {
      await db.runStep.update({ where: { id: stepId }, data: { status: "success", endedAt: new Date(), progress: JSON.stringify({ done: 8, total: 8 }), stats: JSON.stringify({ "connectors-without-flow-updates": 7, joins: 1 }) } });
      await db.run.update({ where: { id: runId }, data: { status: "success", endedAt: new Date() } });
    });
    await expect(page.getByTestId("run-status")).toHaveText("success", { timeout: 5_000 });
    await expect(page.getByTestId("run-live-state")).toHaveText("Run ended");
    await expect(page.getByTestId("progress-1")).toHaveText("8 / 8");

    // Once ended, the page stops asking.
    let polls = 0;
    page.on("request", (req) => {
      if (req.url().endsWith(`/api/runs/${runId}`)) polls++;
    });
    await page.waitForTimeout(2_500);
    expect(polls).toBe(0);
  } finally {
    await withE2eDb((db) => db.run.updateMany({ where: { id: runId, status: "in-progress" }, data: { status: "stopped-server", endedAt: new Date() } }));
  }
});

test("a counter drills down to its objects, with links to the csentry and the mventry; errors list by step", async ({ page }) => {
  await signIn(page, ADMIN, "/operations");
  // The demo's HR Full Sync projected the ten people.
  await page.getByRole("table", { name: "Run history" }).getByRole("row").filter({ hasText: "Full Sync" }).filter({ hasText: "e2e-setup" }).getByRole("link", { name: "HR" }).click();
  await expect(page.getByRole("heading", { name: "HR · Full Sync" })).toBeVisible();
  await page.getByRole("table", { name: "Statistics of step 1" }).getByRole("link", { name: "projections" }).click();

  await expect(page.getByRole("heading", { name: /HR · Full Sync · step 1: full-sync/ })).toBeVisible();
  const objects = page.getByRole("table", { name: "Objects of projections" });
  await expect(objects.getByRole("row")).toHaveCount(1 + 10);
  await expect(page.getByRole("navigation", { name: "Object pages" })).toContainText("1–10 of 10");
  const ada = objects.getByRole("row").filter({ hasText: "employeeID=1001" });
  await expect(ada).toContainText("1001");
  await ada.getByRole("link", { name: "mventry" }).click();
  await expect(page.getByRole("heading", { name: "Ada Lovelace (person)" })).toBeVisible();
  await page.goBack();
  await objects.getByRole("row").filter({ hasText: "employeeID=1001" }).getByRole("link", { name: "HR csentry" }).click();
  await expect(page.getByRole("heading", { name: "csentry employeeID=1001" })).toBeVisible();
  await page.goBack();

  await page.getByRole("navigation", { name: "Counters" }).getByRole("link", { name: /^errors/ }).click();
  await expect(page.getByText("No errors in this step")).toBeVisible();
});
