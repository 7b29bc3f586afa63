// The MA Designer end to end: a CSV MA created through the wizard against a real file: connection
// test (a bad folder shows its code, then success), schema preview rows, a rule with a bad expression
// marked at its position and refused on save, fixed, saved, listed; then edited.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { ADMIN, HELPDESK } from "./users.ts";

const rules = (expression: string) => `joinProjection:
  - objectType: person
    mvObjectType: person
    join:
      - mappings: [{ cs: id, mv: employeeID }]
    project: true
importFlows:
  - { objectType: person, mvObjectType: person, cs: id, mv: employeeID, precedence: 20 }
  - objectType: person
    mvObjectType: person
    mv: displayName
    expression: ${expression}
`;

test("admin creates a CSV management agent with the MA Designer", async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-e2e-mad-"));
  const file = path.join(dir, "contractors.csv");
  fs.writeFileSync(file, "id,givenName,sn\nC1,Ada,Lovelace\nC2,Alan,Turing\nC3,Grace,Hopper\n");
  const name = `Contractors ${Date.now().toString(36)}`;
  try {
    await signIn(page, ADMIN, "/management-agents");
    await page.getByRole("link", { name: "New management agent" }).click();
    await expect(page.getByRole("heading", { name: "New management agent" })).toBeVisible();

    // 1. general
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Description").fill("Contractor list from procurement");
    await expect(page.getByTestId("capabilities-ldap")).toContainText("password");
    await page.getByRole("radio", { name: "Delimited text file (CSV)" }).check();
    await page.getByRole("button", { name: "Next" }).click();

    // 2. connection: a folder that does not exist, then the real file
    await page.getByLabel("File *").fill(path.join(dir, "missing", "contractors.csv"));
    await page.getByLabel("Anchor column *").fill("id");
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("connection-result")).toContainText("directory-not-found");
    await page.getByLabel("File *").fill(file);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("connection-result")).toContainText("Connection succeeded");
    await page.getByRole("button", { name: "Next" }).click();

    // 3. schema and preview
    await page.getByRole("button", { name: "Discover schema" }).click();
    await expect(page.getByRole("table", { name: "Attributes of person" })).toContainText("givenName");
    const preview = page.getByRole("table", { name: "Preview" });
    await expect(preview).toContainText("Lovelace");
    await expect(preview.getByRole("row")).toHaveCount(4);
    await page.getByRole("button", { name: "Next" }).click();

    // 4. rules: a bad expression is marked at its position
    await page.getByLabel(/Rules \(YAML\)/).fill(rules("givenName & & sn"));
    const problem = page.getByTestId("rule-problem");
    await expect(problem).toContainText("importFlows[1].expression");
    await expect(problem).toContainText("expression position 13");
    await expect(problem).toContainText("line 12, column 29");
    await expect(problem.getByTestId("rule-error-mark")).toHaveText("&");
    await expect(page.getByRole("complementary", { name: "Reference" })).toContainText("employeeID");

    // the server refuses it on save, naming the rule and the position
    await page.getByRole("button", { name: "6. Review and save" }).click();
    await page.getByRole("button", { name: "Create management agent" }).click();
    await expect(page.getByTestId("save-refusal")).toContainText("rules.importFlows[1].expression");
    await expect(page.getByTestId("save-refusal")).toContainText("position 13");
    await page.getByTestId("save-refusal").getByRole("button", { name: "go to the page" }).click();

    await page.getByLabel(/Rules \(YAML\)/).fill(rules("givenName & ' ' & sn"));
    await expect(page.getByTestId("rules-status")).toHaveText("Rules are valid.");
    await page.getByLabel("Deprovisioning: when a connector of this MA is disconnected").selectOption("explicit-disconnector");
    await page.getByRole("button", { name: "Next" }).click();

    // 5. run profiles and safety
    await expect(page.getByLabel("Profile name")).toHaveValue("Full Import and Full Sync");
    await page.getByLabel("Schedule (cron, optional)").fill("30 3 * * *");
    await page.getByLabel("Deletion threshold (objects)").fill("10");
    await page.getByRole("button", { name: "Next" }).click();

    // 6. review and save
    await expect(page.getByRole("definition").filter({ hasText: "deprovision: explicit-disconnector" })).toBeVisible();
    await page.getByRole("button", { name: "Create management agent" }).click();
    await expect(page).toHaveURL(/\/management-agents\/[^/]+$/);
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();

    await page.goto("/management-agents");
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(row).toContainText("Contractor list from procurement");
    await expect(row).toContainText("Full Import and Full Sync");

    // edit: the wizard starts from what was saved
    await row.getByRole("link", { name, exact: true }).click();
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.getByLabel("Name")).toHaveValue(name);
    await expect(page.getByRole("radio", { name: "Delimited text file (CSV)" })).toBeChecked();
    await page.getByLabel("Description").fill("Contractors (edited)");
    await page.getByRole("button", { name: "2. Connection" }).click();
    await expect(page.getByLabel("File *")).toHaveValue(file);
    await page.getByRole("button", { name: "6. Review and save" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
    await expect(page.getByText("Contractors (edited)")).toBeVisible();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("helpdesk cannot open the MA Designer", async ({ page }) => {
  await signIn(page, HELPDESK, "/operations");
  await page.goto("/management-agents/new");
  await expect(page).toHaveURL(/\/forbidden$/);
});
