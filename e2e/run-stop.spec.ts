// Stopping a run from the console: an admin starts a long full import (a generated CSV of 600,000
// rows, tens of seconds of work) of an MA made for this test, clicks "Stop run" on the run page, and
// the run ends stopped-user with whole batches imported and the profile's sync step skipped; then
// the same from the MA page. Each click comes a few seconds into an import that takes tens of
// seconds (about 70,000 rows were in when the first stop landed here), so the test does not race it.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { withE2eDb } from "./db.ts";
import { ADMIN } from "./users.ts";
import { upsertMa } from "../lib/store/config-records.ts";

const ROWS = 600_000;
const DIR = path.resolve("data/e2e-stop");

test("admin stops a long full import from its run page: stopped-user, fewer objects than the file, the sync skipped", async ({ page }) => {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, "big.csv");
  fs.writeFileSync(file, "id,givenName,sn\n" + Array.from({ length: ROWS }, (_, i) => `S${i},Given${i},Surname${i}\n`).join(""));
  const maId = await withE2eDb((db) =>
    upsertMa(db, {
      name: "E2E Stop", type: "csv", config: { path: file, anchor: "id" }, rules: {},
      runProfiles: [{ name: "Import and Sync", steps: [{ type: "full-import" }, { type: "full-sync" }] }],
    }),
  );
  try {
    await signIn(page, ADMIN, `/management-agents/${maId}`);
    const run = page.getByRole("form", { name: "Run E2E Stop" });
    await run.getByRole("button", { name: "Run" }).click();
    await expect(page).toHaveURL(/\/operations\/[0-9a-f-]{36}$/);
    const runId = page.url().split("/").pop()!;
    await expect(page.getByTestId("run-status")).toHaveText("in-progress");

    await page.getByRole("form", { name: "Stop run" }).getByRole("button", { name: "Stop run" }).click();
    await expect(page.getByTestId("run-status")).toHaveText("stopped-user", { timeout: 30_000 });
    await expect(page.getByTestId("run-live-state")).toHaveText("Run ended");
    await expect(page.getByText(/^stopped by admin: stopped on request between batches/)).toBeVisible();
    await expect(page.getByRole("region", { name: "Step 1: full-import" })).toBeVisible();
    await expect(page.getByRole("region", { name: /^Step 2/ })).toHaveCount(0);
    await page.screenshot({ path: "e2e-output/run-stopped.png", fullPage: true });

    const { imported, added, stopRequestedBy } = await withE2eDb(async (db) => {
      const r = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { steps: true } });
      return {
        imported: await db.csObject.count({ where: { maId } }),
        added: (JSON.parse(r.steps[0]!.stats) as Record<string, number>)["import-add"],
        stopRequestedBy: r.stopRequestedBy,
      };
    });
    expect(stopRequestedBy).toBe(ADMIN.username);
    expect(imported).toBeGreaterThan(0);
    expect(imported).toBeLessThan(ROWS);
    expect(imported % 500).toBe(0);
    expect(added).toBe(imported);

    // Run history shows it with its status.
    await page.goto(`/operations?ma=${maId}`);
    const table = page.getByRole("table", { name: "Run history" });
    await expect(table.getByRole("row")).toHaveCount(2);
    await expect(table.getByRole("row").nth(1)).toContainText("stopped-user");

    // The MA page stops a run too: its "a run is going" notice has the button.
    await page.goto(`/management-agents/${maId}`);
    await page.getByRole("form", { name: "Run E2E Stop" }).getByRole("button", { name: "Run" }).click();
    await expect(page).toHaveURL(/\/operations\/[0-9a-f-]{36}$/);
    const second = page.url().split("/").pop()!;
    await page.goto(`/management-agents/${maId}`);
    await expect(page.getByText("A run is going: Import and Sync (in-progress).")).toBeVisible();
    await page.getByRole("form", { name: "Stop run" }).getByRole("button", { name: "Stop run" }).click();
    // The stop can land before the page re-renders: then the notice (and its "Stop requested" line)
    // is already gone and the MA page shows the stopped run instead. Either proves the click went through.
    await expect(page.getByText("Stop requested by admin.").or(page.getByRole("link", { name: /^Import and Sync stopped-user/ })).first()).toBeVisible({ timeout: 30_000 });
    await page.goto(`/operations/${second}`);
    await expect(page.getByTestId("run-status")).toHaveText("stopped-user", { timeout: 30_000 });
  } finally {
    await withE2eDb(async (db) => {
      await db.run.updateMany({ where: { maId, status: { in: ["queued", "in-progress"] } }, data: { stopRequestedAt: new Date(), stopRequestedBy: "e2e-cleanup" } });
      // Wait for the server to end the run before the MA goes (a run left going would write into a deleted MA).
      for (let i = 0; i < 300 && (await db.run.count({ where: { maId, status: { in: ["queued", "in-progress"] } } })) > 0; i++) await new Promise((r) => setTimeout(r, 100));
      await db.managementAgent.delete({ where: { id: maId } });
    });
    fs.rmSync(DIR, { recursive: true, force: true });
  }
});
