// The csentry page and its Preview: what a synchronization would do, written nowhere.
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { ADMIN } from "./users.ts";

test("admin finds a csentry of an MA, opens it and previews its synchronization", async ({ page }) => {
  await signIn(page, ADMIN, "/management-agents");
  await page.getByRole("table", { name: "Management agents" }).getByRole("link", { name: "HR", exact: true }).click();
  await expect(page.getByRole("heading", { name: "HR", exact: true })).toBeVisible();

  const find = page.getByRole("form", { name: "Find a csentry" });
  await find.getByLabel("Find a csentry (anchor, or part of the DN)").fill("1003");
  await find.getByRole("button", { name: "Find" }).click();
  await page.getByRole("table", { name: "csentries found" }).getByRole("link", { name: "employeeID=1003" }).click();

  await expect(page.getByRole("heading", { name: "csentry employeeID=1003" })).toBeVisible();
  const props = page.getByRole("definition").filter({ hasText: "connector" });
  await expect(props.first()).toBeVisible();
  await expect(page.getByTestId("cs-state")).toHaveText("connector");
  await expect(page.getByRole("table", { name: "csentry attributes" })).toContainText("Hopper");
  await expect(page.getByRole("link", { name: "Grace Hopper (person)" })).toBeVisible();

  await page.getByRole("form", { name: "Preview synchronization" }).getByRole("button", { name: "Preview" }).click();
  const result = page.getByRole("region", { name: "Preview result" });
  await expect(result.getByRole("list", { name: "Preview counters" })).toContainText("connectors-without-flow-updates: 1");
  const diff = result.getByRole("table", { name: "mventry before and after" });
  await expect(diff.getByRole("row").filter({ hasText: "displayName" })).toContainText("unchanged");
  await expect(diff).toContainText("Grace Hopper");
  await page.screenshot({ path: "e2e-output/csentry-preview.png", fullPage: true });

  // The preview wrote nothing: the csentry is unchanged after a reload.
  await page.reload();
  await expect(page.getByTestId("cs-state")).toHaveText("connector");
  await expect(page.getByText("None: the last import is synchronized.")).toBeVisible();
});
