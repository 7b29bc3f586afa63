// Schedules in the browser: an admin creates a schedule firing every 3 seconds for the demo's HR Full
// Import, sees its reading and next run time, waits for the run it starts (trigger "schedule") in
// Operations, and disables it; helpdesk reads the page without the controls; a bad cron is refused.
import { expect, test } from "@playwright/test";
import { withE2eDb } from "./db.ts";
import { signIn } from "./fixtures.ts";
import { ADMIN, HELPDESK } from "./users.ts";

const NAME = "HR every 3 seconds";

test.afterAll(async () => {
  // Whatever happened above, no schedule of this spec keeps firing into the specs after it.
  await withE2eDb((db) => db.schedule.deleteMany({ where: { name: NAME } }));
});

test("admin creates a per-seconds schedule, sees it fire in Operations, and disables it", async ({ page }) => {
  await signIn(page, ADMIN, "/schedules");
  await page.getByRole("link", { name: "New schedule" }).click();
  const form = page.getByRole("form", { name: "New schedule" });
  await form.getByLabel("Name").fill(NAME);

  // refused on the server, with the field named
  await form.getByLabel("Cron expression").fill("61 * * * *");
  await expect(form.getByTestId("cron-preview")).toHaveText("Not a cron expression this preview can read");
  await form.getByRole("button", { name: "Create schedule" }).click();
  await expect(form.getByRole("alert")).toContainText('invalid cron expression "61 * * * *"');

  await form.getByLabel("Cron expression").fill("*/3 * * * * *");
  await expect(form.getByTestId("cron-preview")).toHaveText("Every 3 seconds");
  await form.getByLabel("Management agent of step 1").selectOption("HR");
  await form.getByLabel("Run profile of step 1").selectOption("Full Import");
  // a second step picked, then taken out again: the sequence is the one HR step
  await form.getByRole("button", { name: "Add step" }).click();
  await expect(form.getByLabel("Management agent of step 2")).toBeVisible();
  await form.getByRole("button", { name: "Remove step 2" }).click();
  await expect(form.getByLabel("Management agent of step 2")).toHaveCount(0);
  await page.screenshot({ path: "e2e-output/schedules-new.png", fullPage: true });
  await form.getByRole("button", { name: "Create schedule" }).click();

  await expect(page).toHaveURL(/\/schedules$/);
  const row = page.getByTestId(`schedule-${NAME}`);
  await expect(row.getByTestId("schedule-preview")).toHaveText("Every 3 seconds");
  await expect(row.getByTestId("schedule-next-run")).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  await expect(row).toContainText("HR · Full Import");
  await expect(row.getByRole("switch", { name: `${NAME} enabled` })).toHaveAttribute("aria-checked", "true");

  await page.getByRole("link", { name: "Operations", exact: true }).click();
  const runs = page.getByRole("table", { name: "Run history" });
  // the table polls /api/runs: the scheduled run appears without a reload
  await expect(runs.getByRole("row").filter({ hasText: "schedule" }).first()).toContainText("HR", { timeout: 30_000 });
  await expect(runs.getByRole("row").filter({ hasText: "schedule" }).first()).toContainText("scheduler");
  await page.screenshot({ path: "e2e-output/schedules-run-in-operations.png", fullPage: true });

  await page.getByRole("link", { name: "Schedules", exact: true }).click();
  await expect(row.getByTestId("schedule-last-firing")).toContainText(/success|running|missed/, { timeout: 15_000 });
  await row.getByRole("switch", { name: `${NAME} enabled` }).click();
  await expect(row.getByRole("switch", { name: `${NAME} enabled` })).toHaveAttribute("aria-checked", "false");
  await expect(row.getByTestId("schedule-next-run")).toHaveText("—");
  await page.screenshot({ path: "e2e-output/schedules-list.png", fullPage: true });

  // Disabled: no scheduled HR run is left going for the specs that follow.
  await expect.poll(() => withE2eDb((db) => db.run.count({ where: { trigger: "schedule", status: { in: ["queued", "in-progress"] } } })), { timeout: 30_000 }).toBe(0);
  expect(await withE2eDb((db) => db.auditEvent.count({ where: { action: { in: ["schedule.create", "schedule.disable"] }, actor: ADMIN.username } }))).toBe(2);
});

test("helpdesk reads the schedules without the controls", async ({ page }) => {
  await signIn(page, HELPDESK, "/schedules");
  await expect(page.getByRole("heading", { name: "Schedules" })).toBeVisible();
  const row = page.getByTestId(`schedule-${NAME}`);
  await expect(row).toContainText("disabled");
  await expect(row.getByRole("switch")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "New schedule" })).toHaveCount(0);
  await page.goto("/schedules/new");
  await expect(page).toHaveURL(/\/forbidden/);
});
