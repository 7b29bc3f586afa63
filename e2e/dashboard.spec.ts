// The Dashboard (landing page), the Operations charts and a run's live progress chart, on the demo
// data e2e/prepare-database.ts ran (HR and Directory imported, synced, exported). Charts are recharts
// SVGs: a chart counts as rendered when its svg holds one dot or bar per data point.
import { expect, test, type Locator } from "@playwright/test";
import { withE2eDb } from "./db.ts";
import { signIn } from "./fixtures.ts";
import { ADMIN, HELPDESK } from "./users.ts";

async function dataPoints(figure: Locator): Promise<number> {
  return Number(await figure.getAttribute("data-points"));
}

test("admin lands on the Dashboard: connector spaces, last runs, error trends and the metaverse of the demo", async ({ page }) => {
  await signIn(page, ADMIN, "/");
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Console sections" });
  await expect(nav.getByRole("link").first()).toHaveText("Dashboard");
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");

  const table = page.getByRole("table", { name: "Management agents overview" });
  await expect(table.getByTestId("cs-size-HR")).toHaveText("10");
  await expect(table.getByTestId("cs-size-Directory")).toHaveText("14");
  for (const ma of ["HR", "Directory"]) {
    await expect(table.getByTestId(`pending-imports-${ma}`)).toHaveText("0");
    await expect(table.getByTestId(`pending-exports-${ma}`)).toHaveText("0");
    await expect(table.getByTestId(`last-run-${ma}`)).toContainText("success");
    // the error trend: one dot per ended run of the MA (the demo ran HR twice, Directory three times)
    const trend = table.getByTestId(`error-trend-${ma}`);
    const dots = trend.locator("svg.recharts-surface .recharts-line-dot");
    await expect(dots.first()).toBeVisible();
    expect(await dataPoints(trend)).toBeGreaterThanOrEqual(ma === "HR" ? 2 : 3);
    await expect(dots).toHaveCount(await dataPoints(trend));
    await expect(trend).toContainText("0 last · 0 max");
  }
  await expect(table.getByRole("link", { name: "HR", exact: true })).toHaveAttribute("href", /\/management-agents\/[0-9a-f-]{36}$/);

  await expect(page.getByTestId("metaverse-total")).toHaveText("12");
  await expect(page.getByTestId("mv-count-person")).toHaveText("10");
  await expect(page.getByTestId("mv-count-group")).toHaveText("2");
  await expect(page.getByTestId("metaverse-chart").locator("svg.recharts-surface .recharts-bar-rectangle")).toHaveCount(2);
  await page.screenshot({ path: "e2e-output/dashboard-admin.png", fullPage: true });

  // The last run's badge opens the run; its chart shows objects processed over its steps.
  await table.getByTestId("last-run-Directory").click();
  await expect(page).toHaveURL(/\/operations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Directory · Export" })).toBeVisible();
  const progress = page.getByTestId("live-progress-chart");
  await expect(progress.locator("svg.recharts-surface .recharts-line-dot").first()).toBeVisible();
  await expect(progress.locator(".recharts-line-dot")).toHaveCount(await dataPoints(progress));
  expect(await dataPoints(progress)).toBeGreaterThanOrEqual(2);
});

test("helpdesk sees the Dashboard read-only: the same figures, no links to admin pages", async ({ page }) => {
  await signIn(page, HELPDESK, "/");
  const table = page.getByRole("table", { name: "Management agents overview" });
  await expect(table.getByTestId("cs-size-HR")).toHaveText("10");
  await expect(table.getByTestId("last-run-HR")).toHaveAttribute("href", /\/operations\/[0-9a-f-]{36}$/);
  await expect(table.getByRole("link", { name: "HR", exact: true })).toHaveCount(0);
  await expect(page.getByTestId("mv-count-person")).toHaveText("10");
  await expect(page.getByTestId("error-trend-HR").locator(".recharts-line-dot").first()).toBeVisible();
  await page.screenshot({ path: "e2e-output/dashboard-helpdesk.png", fullPage: true });
});

test("Operations charts run duration, objects/s and counter totals per MA, filtered by MA", async ({ page }) => {
  await signIn(page, HELPDESK, "/operations");
  const duration = page.getByTestId("chart-duration");
  const rate = page.getByTestId("chart-rate");
  const counters = page.getByTestId("chart-counters");
  await expect(duration.locator("svg.recharts-surface .recharts-line-dot").first()).toBeVisible();
  const all = await dataPoints(duration);
  expect(all).toBeGreaterThanOrEqual(5);
  await expect(duration.locator(".recharts-line-dot")).toHaveCount(all);
  await expect(rate.locator(".recharts-line-dot")).toHaveCount(all);
  await expect(duration.locator(".recharts-legend-item")).toHaveText(["Directory", "HR"]);
  await expect(counters.locator(".recharts-bar-rectangle").first()).toBeVisible();
  const legend = (name: string) => counters.locator(".recharts-legend-item").filter({ hasText: new RegExp(`^${name}$`) });
  await expect(legend("import-add")).toHaveCount(1);
  await expect(legend("projections")).toHaveCount(1);
  await page.screenshot({ path: "e2e-output/operations-charts.png", fullPage: true });

  // Its own select: the run history filters below have a "Management agent" select too.
  await page.getByLabel("Trends: management agent").selectOption("Directory");
  await expect(duration.locator(".recharts-legend-item")).toHaveText(["Directory"]);
  const directory = await dataPoints(duration);
  expect(directory).toBeGreaterThanOrEqual(3);
  expect(directory).toBeLessThan(all);
  await expect(duration.locator(".recharts-line-dot")).toHaveCount(directory);
  await expect(legend("export-add")).toHaveCount(1);
  await expect(legend("provisioning-adds")).toHaveCount(0);
  await page.screenshot({ path: "e2e-output/operations-charts-directory.png", fullPage: true });
});

test("the Dashboard follows a run in progress by itself and stops refreshing when it ends", async ({ page }) => {
  const runId = await withE2eDb(async (db) => {
    const ma = await db.managementAgent.findUniqueOrThrow({ where: { name: "Directory" } });
    const r = await db.run.create({
      data: { maId: ma.id, profileName: "Full Sync", trigger: "schedule", startedBy: "e2e-dashboard", status: "in-progress", startedAt: new Date(), heartbeatAt: new Date() },
    });
    return r.id;
  });
  try {
    await signIn(page, HELPDESK, "/");
    const lastRun = page.getByTestId("last-run-Directory");
    await expect(lastRun).toContainText("in-progress");
    await expect(lastRun).toHaveAttribute("href", `/operations/${runId}`);
    await expect(page.getByText("Live: refreshes every 2 s")).toBeVisible();
    await withE2eDb((db) => db.run.update({ where: { id: runId }, data: { status: "completed-sync-errors", endedAt: new Date() } }));
    await expect(lastRun).toContainText("completed-sync-errors", { timeout: 6_000 });
    await expect(page.getByText("Live: refreshes every 2 s")).toHaveCount(0);
  } finally {
    await withE2eDb((db) => db.run.deleteMany({ where: { id: runId } }));
  }
});

test("a run's page charts its progress live: the chart gains points while the run goes", async ({ page }) => {
  // A run staged in the database, as a worker would write it, so the test sets its pace.
  const { runId, stepId } = await withE2eDb(async (db) => {
    const ma = await db.managementAgent.findUniqueOrThrow({ where: { name: "HR" } });
    const r = await db.run.create({
      data: { maId: ma.id, profileName: "Full Import", trigger: "user", startedBy: "e2e-chart", status: "in-progress", startedAt: new Date(), heartbeatAt: new Date() },
    });
    const s = await db.runStep.create({
      data: { runId: r.id, seq: 0, type: "full-import", status: "in-progress", progress: JSON.stringify({ done: 3 }), stats: JSON.stringify({ "import-add": 3 }) },
    });
    return { runId: r.id, stepId: s.id };
  });
  try {
    await signIn(page, ADMIN, `/operations/${runId}`);
    await expect(page.getByTestId("run-live-state")).toHaveText("Live: updates every second");
    const chart = page.getByTestId("live-progress-chart");
    await expect(chart).toContainText("sampled every second while the run goes");
    // the step's start, then one sample per poll
    await expect.poll(() => dataPoints(chart), { timeout: 5_000 }).toBeGreaterThanOrEqual(3);
    const before = await dataPoints(chart);

    await withE2eDb((db) => db.runStep.update({ where: { id: stepId }, data: { progress: JSON.stringify({ done: 9 }), stats: JSON.stringify({ "import-add": 9 }) } }));
    await expect(page.getByTestId("progress-1")).toHaveText("9 processed", { timeout: 5_000 });
    await expect.poll(() => dataPoints(chart), { timeout: 5_000 }).toBeGreaterThan(before + 1);
    await expect(chart.locator("svg.recharts-surface .recharts-line-dot")).toHaveCount(await dataPoints(chart));
    await page.screenshot({ path: "e2e-output/run-live-chart.png", fullPage: true });

    await withE2eDb(async (db) => {
      await db.runStep.update({ where: { id: stepId }, data: { status: "success", endedAt: new Date(), progress: JSON.stringify({ done: 10 }) } });
      await db.run.update({ where: { id: runId }, data: { status: "success", endedAt: new Date() } });
    });
    await expect(page.getByTestId("run-live-state")).toHaveText("Run ended", { timeout: 5_000 });
    // the samples taken while watching stay, with the step's end as the last point
    const ended = await dataPoints(chart);
    expect(ended).toBeGreaterThan(before + 1);
    await expect(chart.locator(".recharts-line-dot")).toHaveCount(ended);
  } finally {
    // leave the demo's run history as it was for the specs after this one
    await withE2eDb((db) => db.run.deleteMany({ where: { id: runId } }));
  }
});
