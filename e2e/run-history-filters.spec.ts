// Run history filters on Operations: an MA made for this test with 55 runs of known profiles,
// statuses and days; the filters go to the URL and the server, and the pager keeps them.
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { withE2eDb } from "./db.ts";
import { HELPDESK } from "./users.ts";
import { upsertMa } from "../lib/store/config-records.ts";

test("helpdesk filters run history by MA, profile, status and days, and pages through it", async ({ page }) => {
  const maId = await withE2eDb(async (db) => {
    const id = await upsertMa(db, { name: "E2E History", type: "csv", config: { path: "/nowhere/history.csv", anchor: "id" }, rules: {} });
    // 55 runs on 2025-01-01 .. 2025-01-11 (5 a day): every fifth is a "Delta Sync" stopped by a user.
    await db.run.createMany({
      data: Array.from({ length: 55 }, (_, i) => {
        const at = new Date(Date.UTC(2025, 0, 1 + Math.floor(i / 5), 8, i % 5));
        const delta = i % 5 === 4;
        return { maId: id, profileName: delta ? "Delta Sync" : "Full Import", status: delta ? "stopped-user" : "success", trigger: "schedule", startedBy: "scheduler", queuedAt: at, startedAt: at, endedAt: at };
      }),
    });
    return id;
  });
  try {
    await signIn(page, HELPDESK, "/operations");
    const filters = page.getByRole("form", { name: "Filter run history" });
    const table = page.getByRole("table", { name: "Run history" });
    const pager = page.getByRole("navigation", { name: "Run history pages" });

    await filters.getByLabel("Management agent").selectOption({ label: "E2E History" });
    await filters.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(new RegExp(`/operations\\?ma=${maId}$`));
    await expect(page.getByTestId("run-count")).toHaveText("55 runs");
    await expect(table.getByRole("row")).toHaveCount(1 + 50);
    await expect(pager).toContainText("1–50 of 55");
    await expect(table.getByRole("row").nth(1)).toContainText("2025-01-11 08:04");
    await pager.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(new RegExp(`ma=${maId}&page=2$`));
    await expect(pager).toContainText("51–55 of 55");
    await expect(table.getByRole("row")).toHaveCount(1 + 5);
    await expect(table.getByRole("row").nth(5)).toContainText("2025-01-01 08:00");

    await filters.getByLabel("Run profile").selectOption("Delta Sync");
    await filters.getByLabel("Status").selectOption("stopped-user");
    await filters.getByLabel("From (UTC day)").fill("2025-01-03");
    await filters.getByLabel("To (UTC day)").fill("2025-01-05");
    await filters.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/profile=Delta\+Sync&status=stopped-user&from=2025-01-03&to=2025-01-05$/);
    await expect(page.getByTestId("run-count")).toHaveText("3 runs");
    for (const day of ["2025-01-05", "2025-01-04", "2025-01-03"]) await expect(table).toContainText(`${day} 08:04`);
    await expect(table.getByRole("row").filter({ hasText: "success" })).toHaveCount(0);

    // The filters survive a reload (they are the URL), and a day range with nothing in it says so.
    await page.reload();
    await expect(filters.getByLabel("Status")).toHaveValue("stopped-user");
    await filters.getByLabel("From (UTC day)").fill("2025-02-01");
    await filters.getByLabel("To (UTC day)").fill("2025-02-02");
    await filters.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByTestId("run-count")).toHaveText("0 runs");
    await expect(page.getByText("No run matches these filters; clear them to see every run.")).toBeVisible();

    await filters.getByRole("link", { name: "Clear" }).click();
    await expect(page).toHaveURL(/\/operations$/);
    await expect(table.getByRole("row").filter({ hasText: "E2E History" }).first()).toBeVisible();
  } finally {
    await withE2eDb((db) => db.managementAgent.delete({ where: { id: maId } }));
  }
});
