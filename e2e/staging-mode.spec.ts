// Staging mode and the pending-exports review of an MA: the switch, the filters, CSV and LDIF downloads.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { ADMIN } from "./users.ts";

test("admin turns staging mode on and off, filters the pending exports and downloads them as CSV and LDIF", async ({ page }) => {
  await signIn(page, ADMIN, "/management-agents");
  await page.getByRole("table", { name: "Management agents" }).getByRole("link", { name: "Directory", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Directory", exact: true })).toBeVisible();

  const staging = page.getByRole("form", { name: "Staging mode" });
  await expect(staging.getByTestId("staging-mode-state")).toHaveText("Staging mode off");
  await staging.getByRole("button", { name: "Turn staging mode on" }).click();
  await expect(staging.getByTestId("staging-mode-state")).toHaveText("Staging mode on");
  await page.reload();
  await expect(page.getByTestId("staging-mode-state")).toHaveText("Staging mode on");

  // The demo export wrote the provisioned accounts: they wait for an import to confirm them.
  const filter = page.getByRole("form", { name: "Filter pending exports" });
  await filter.getByLabel("Status").selectOption("exported");
  await filter.getByLabel("Operation").selectOption("add");
  await filter.getByLabel("DN contains").fill("UID=EDSGER");
  await filter.getByRole("button", { name: "Filter" }).click();
  const table = page.getByRole("table", { name: "Pending exports" });
  await expect(table.getByRole("row")).toHaveCount(2);
  await expect(table).toContainText("uid=edsger.dijkstra,ou=people,dc=example,dc=com");
  await expect(page).toHaveURL(/status=exported/);

  const csvDownload = page.waitForEvent("download");
  await filter.getByRole("link", { name: "Download CSV" }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe("Directory-pending-exports.csv");
  const csvText = fs.readFileSync(await csv.path(), "utf8");
  expect(csvText.split("\n")[0]).toBe("op,status,dn,newDn,changes,error,exportRunId,exportedAt,updatedAt,csId,id");
  expect(csvText).toContain("add,exported,\"uid=edsger.dijkstra,ou=people,dc=example,dc=com\"");
  expect(csvText.trim().split("\n")).toHaveLength(2);

  await filter.getByLabel("DN contains").fill("");
  await filter.getByRole("button", { name: "Filter" }).click();
  const ldifDownload = page.waitForEvent("download");
  await filter.getByRole("link", { name: "Download LDIF" }).click();
  const ldif = fs.readFileSync(await (await ldifDownload).path(), "utf8");
  expect(ldif.startsWith("version: 1\n\n")).toBe(true);
  expect(ldif).toContain("dn: uid=edsger.dijkstra,ou=people,dc=example,dc=com\nchangetype: add\n");
  expect(ldif).toContain("uid: edsger.dijkstra\n");

  await page.getByRole("form", { name: "Staging mode" }).getByRole("button", { name: "Turn staging mode off" }).click();
  await expect(page.getByTestId("staging-mode-state")).toHaveText("Staging mode off");
});
