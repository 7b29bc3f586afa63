// An MA's configuration as YAML from its page (download, upload with the problems named), and the
// deletion of an MA made for the test: what goes away is listed, the name must be typed.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import YAML from "yaml";
import { signIn } from "./fixtures.ts";
import { withE2eDb } from "./db.ts";
import { ADMIN } from "./users.ts";
import { upsertMa } from "../lib/store/config-records.ts";
import { startRun } from "../lib/services/run-service.ts";

const DIR = path.resolve("data/e2e-lifecycle");
const person = { objectType: "person", mvObjectType: "person" };
const E2E_ACTOR = { id: "e2e", username: "e2e-setup", displayName: "E2E setup", role: "admin" as const };

/** An MA joining two of the demo's people by employeeID (no flows: the metaverse keeps its values), imported and synchronized. */
async function badgesMa(name: string): Promise<string> {
  fs.mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `${name.replace(/\W+/g, "-")}.csv`);
  fs.writeFileSync(file, "badge,employeeID\nB1,1001\nB2,1002\nB9,9999\n");
  return withE2eDb(async (db) => {
    const id = await upsertMa(db, {
      name, type: "csv", description: "badges for the e2e test", config: { path: file, anchor: "badge" },
      rules: {
        joinProjection: [{ ...person, join: [{ mappings: [{ cs: "employeeID", mv: "employeeID" }] }], project: false }],
      },
      runProfiles: [{ name: "Full Import", steps: [{ type: "full-import" }] }, { name: "Full Sync", steps: [{ type: "full-sync" }] }],
    });
    for (const profile of ["Full Import", "Full Sync"]) {
      const run = await startRun(E2E_ACTOR, { ma: name, profile, trigger: "cli", inline: true }, db);
      expect((await run.done!).status).toBe("success");
    }
    return id;
  });
}

test.afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

test("admin downloads an MA's configuration as YAML and uploads an edited one; a broken one is refused with its place", async ({ page }) => {
  const maId = await badgesMa("E2E Config");
  try {
    await signIn(page, ADMIN, `/management-agents/${maId}`);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Download YAML" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("E2E_Config.idsync.yaml");
    const text = fs.readFileSync(await file.path(), "utf8");
    const doc = YAML.parse(text);
    expect(doc.managementAgents[0]).toMatchObject({ name: "E2E Config", type: "csv", description: "badges for the e2e test" });

    doc.managementAgents[0].runProfiles.push({ name: "Import and Sync", steps: [{ type: "full-import" }, { type: "delta-sync" }] });
    const upload = page.getByRole("form", { name: "Upload configuration" });
    await upload.getByLabel("YAML file of E2E Config").setInputFiles({ name: "edited.yaml", mimeType: "application/yaml", buffer: Buffer.from(YAML.stringify(doc)) });
    await upload.getByRole("button", { name: "Upload and apply" }).click();
    await expect(page.getByText("Configuration of E2E Config applied (3 run profiles in the file).")).toBeVisible();
    await expect(page.getByRole("table", { name: "Run profiles" })).toContainText("Import and Sync");

    const broken = text.replace("cs: employeeID", 'expression: "employeeID & &"');
    const line = broken.split("\n").findIndex((l) => l.includes("employeeID & &")) + 1;
    await upload.getByLabel("YAML file of E2E Config").setInputFiles({ name: "broken.yaml", mimeType: "application/yaml", buffer: Buffer.from(broken) });
    await upload.getByRole("button", { name: "Upload and apply" }).click();
    const problems = page.getByRole("list", { name: "Problems" });
    await expect(page.getByRole("alert").filter({ hasText: "configuration refused" })).toContainText("configuration refused, nothing changed:");
    await expect(problems).toContainText(`managementAgents[0] (E2E Config).rules.joinProjection[0].join[0].mappings[0].expression (line ${line}):`);
  } finally {
    await withE2eDb((db) => db.managementAgent.delete({ where: { id: maId } }));
  }
});

test("admin deletes an MA made for the test: the confirmation lists what goes away and wants its name", async ({ page }) => {
  const maId = await badgesMa("E2E Badges");
  const mventries = await withE2eDb((db) => db.mvObject.count());
  await signIn(page, ADMIN, `/management-agents/${maId}`);
  await page.getByRole("link", { name: "Delete", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Delete E2E Badges" })).toBeVisible();
  const impact = page.getByTestId("deletion-impact");
  await expect(impact).toContainText("its connector space: 3 csentries;");
  await expect(impact).toContainText("0 pending exports");
  await expect(impact).toContainText("2 run profiles: Full Import, Full Sync;");
  await expect(impact).toContainText("its run history: 2 runs;");
  await expect(impact).toContainText("2 mventries lose their connector from E2E Badges: 0 have no other connector and are deleted; 2 keep their other connectors");
  await page.screenshot({ path: "e2e-output/ma-delete-confirmation.png", fullPage: true });

  const form = page.getByRole("form", { name: "Delete management agent" });
  const button = form.getByRole("button", { name: "Delete management agent" });
  await expect(button).toBeDisabled();
  await form.getByLabel("Type E2E Badges to confirm").fill("E2E badges");
  await expect(button).toBeDisabled();
  await form.getByLabel("Type E2E Badges to confirm").fill("E2E Badges");
  await button.click();

  await expect(page).toHaveURL(/\/management-agents\?deleted=E2E\+Badges/);
  await expect(page.getByRole("status").filter({ hasText: "deleted" })).toContainText("Management agent “E2E Badges” deleted: 3 csentries removed, 0 mventries deleted, 2 kept");
  await expect(page.getByRole("table", { name: "Management agents" }).getByRole("link", { name: "E2E Badges" })).toHaveCount(0);
  const after = await withE2eDb(async (db) => ({
    ma: await db.managementAgent.count({ where: { id: maId } }),
    cs: await db.csObject.count({ where: { maId } }),
    runs: await db.run.count({ where: { maId } }),
    mventries: await db.mvObject.count(),
    audit: await db.auditEvent.count({ where: { action: "ma.delete", target: "E2E Badges", actor: ADMIN.username } }),
  }));
  expect(after).toEqual({ ma: 0, cs: 0, runs: 0, mventries, audit: 1 });
  await page.goto(`/management-agents/${maId}/delete`);
  await expect(page.getByText(/not found|could not be found/i).first()).toBeVisible();
});
