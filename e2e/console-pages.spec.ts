// The console sections with the demo data e2e/prepare-database.ts ran (HR and Directory imported, synced, exported).
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { ADMIN, HELPDESK } from "./users.ts";

test("Operations lists the runs, refreshes live, and drills into a run's steps and counters", async ({ page }) => {
  await signIn(page, ADMIN, "/operations");
  const table = page.getByRole("table", { name: "Run history" });
  await expect(table.getByRole("row")).toHaveCount(1 + 5);
  await expect(table).toContainText("Full Import");
  await expect(table).toContainText("e2e-setup");

  // A run started elsewhere (here: this test process) appears without a reload: /api/runs is polled.
  const { createDb } = await import("../lib/store/db.ts");
  const { resolveDatabaseUrl } = await import("../lib/store/database-url.ts");
  const { startRun } = await import("../lib/services/run-service.ts");
  const db = createDb(resolveDatabaseUrl("file:./data/e2e.db"));
  try {
    const run = await startRun({ id: "e2e", username: "live-refresh", displayName: "x", role: "admin" }, { ma: "HR", profile: "Full Import", trigger: "api", inline: true }, db);
    expect(run.done, "runs execute inline on SQLite").not.toBeNull();
    await run.done;
  } finally {
    await db.$disconnect();
  }
  await expect(table.getByRole("row")).toHaveCount(1 + 6, { timeout: 10_000 });
  await expect(table.getByRole("row").nth(1)).toContainText("live-refresh");

  await table.getByRole("row").nth(1).getByRole("link", { name: "HR" }).click();
  await expect(page.getByRole("heading", { name: "HR · Full Import" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Step 1: full-import" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Statistics of step 1" })).toContainText("import-unchanged");
});

test("Management Agents lists the demo agents with their object counts", async ({ page }) => {
  await signIn(page, ADMIN, "/management-agents");
  const table = page.getByRole("table", { name: "Management agents" });
  const hr = table.getByRole("row", { name: /^HR / });
  await expect(hr).toContainText("csv");
  await expect(hr.getByRole("cell").nth(2)).toHaveText("10");
  await expect(table.getByRole("row", { name: /^Directory / })).toContainText("Full Import, Full Sync");
});

test("Metaverse Search finds a person by prefix and shows the mventry with its connectors", async ({ page }) => {
  await signIn(page, HELPDESK, "/metaverse-search");
  const form = page.getByRole("form", { name: "Search the metaverse" });
  await form.getByLabel("Object type").selectOption("person");
  await form.getByLabel("Clause 1 attribute").selectOption("accountName");
  await form.getByLabel("Clause 1 operator").selectOption("startsWith");
  await form.getByLabel("Clause 1 value").fill("ADA.");
  await form.getByRole("button", { name: "Search" }).click();
  const results = page.getByRole("table", { name: "Search results" });
  await expect(results.getByRole("row")).toHaveCount(2);
  await results.getByRole("link", { name: "Ada Lovelace" }).click();

  await expect(page.getByRole("heading", { name: "Ada Lovelace (person)" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Attributes" })).toContainText("ada.lovelace@example.com");
  const connectors = page.getByRole("table", { name: "Connectors" });
  await expect(connectors).toContainText("HR");
  await expect(connectors).toContainText("uid=ada.lovelace,ou=people,dc=example,dc=com");

  // equality is exact (case-insensitive): a prefix alone finds nothing (the one-clause URL of old still works)
  await page.goto("/metaverse-search?objectType=person&attr=accountName&match=equals&value=ada");
  await expect(page.getByText("No mventry matches")).toBeVisible();
});

test("Joiner lists the Directory account no rule joined", async ({ page }) => {
  await signIn(page, ADMIN, "/joiner");
  await expect(page.getByRole("table", { name: "Disconnectors of Directory" })).toContainText("uid=old.contractor,ou=people,dc=example,dc=com");
  await expect(page.getByText("No disconnectors in HR.")).toBeVisible();
});

test("Password Reset finds a person for the help desk and shows where a password would be set", async ({ page }) => {
  await signIn(page, HELPDESK, "/password-reset");
  const form = page.getByRole("form", { name: "Search the metaverse" });
  await form.getByLabel("Value").fill("grace");
  await form.getByRole("button", { name: "Search" }).click();
  await page.getByRole("table", { name: "People found" }).getByRole("link", { name: "Select" }).click();
  await expect(page.getByRole("table", { name: "Accounts" })).toContainText("uid=grace.hopper,ou=people,dc=example,dc=com");
  // the demo's MAs are file MAs: none of them manages passwords
  await expect(page.getByText("No connected system of this identity manages passwords.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Set password" })).toBeDisabled();
});
