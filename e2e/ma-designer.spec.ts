// The MA Designer end to end: a CSV MA created through the wizard's pages (after MIM's Management
// Agent Designer) against a real file. Next is checked on the server (a missing name, a missing
// anchor, a bad expression stay on their page, marked); the connection test shows its code, then
// success; the file format page shows the file's first lines; the anchor makes the live sample
// appear; going back keeps what was entered; the save refuses the bad expression with its position,
// then creates the MA; then the MA is edited. Every page is saved under e2e-output/. A second MA goes
// through a draft: saved half-finished, listed, resumed on its page, created (the draft is gone);
// another draft is discarded.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
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

const shot = (page: Page, file: string) => page.screenshot({ path: `e2e-output/ma-designer-csv-${file}.png`, fullPage: true });
const heading = (page: Page, title: string) => expect(page.getByRole("heading", { level: 2, name: title, exact: true })).toBeVisible();
const next = (page: Page) => page.getByRole("button", { name: "Next" }).click();

test("admin creates a CSV management agent with the MA Designer", async ({ page }) => {
  test.setTimeout(120_000); // thirteen pages, each Next a server check
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-e2e-mad-"));
  const file = path.join(dir, "contractors.csv");
  fs.writeFileSync(file, "id,givenName,sn\nC1,Ada,Lovelace\nC2,Alan,Turing\nC3,Grace,Hopper\n");
  const name = `Contractors ${Date.now().toString(36)}`;
  try {
    await signIn(page, ADMIN, "/management-agents");
    await page.getByRole("link", { name: "New management agent" }).click();
    await expect(page.getByRole("heading", { name: "New management agent" })).toBeVisible();

    // 1. create: the server refuses Next without a name, next to the field
    await heading(page, "1. Create management agent");
    await next(page);
    await expect(page.getByRole("alert").filter({ hasText: "the MA name is required" })).toBeVisible();
    await heading(page, "1. Create management agent");
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Description").fill("Contractor list from procurement");
    await expect(page.getByTestId("capabilities-ldap")).toContainText("password");
    await page.getByRole("radio", { name: "Delimited text file (CSV)" }).check();
    await shot(page, "01-create");
    await next(page);

    // 2. connect: a folder that does not exist, then the real file (no anchor needed yet)
    await heading(page, "2. Connect");
    await page.getByLabel("File *").fill(path.join(dir, "missing", "contractors.csv"));
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("connection-result")).toContainText("directory-not-found");
    await page.getByLabel("File *").fill(file);
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("connection-result")).toContainText("Connection succeeded");
    await shot(page, "02-connect");
    await next(page);

    // 3. file format: the file's first lines as they are
    await heading(page, "3. File format");
    await expect(page.getByLabel("File sample")).toContainText("C1,Ada,Lovelace");
    await expect(page.getByLabel("Delimiter")).toHaveValue(",");
    await expect(page.getByTestId("missing-settings")).toContainText("Anchor column");
    await shot(page, "03-file-format");
    await next(page);

    // 4. object types, 5. attributes: reading waits for the anchor
    await heading(page, "4. Object types");
    await expect(page.getByLabel("Object type", { exact: true })).toHaveValue("person");
    await shot(page, "04-object-types");
    await next(page);
    await heading(page, "5. Attributes");
    await expect(page.getByTestId("missing-settings")).toContainText("Anchor column");
    await next(page);

    // 6. anchor: Next refuses without it; with it the first rows appear
    await heading(page, "6. Anchor");
    await next(page);
    await expect(page.getByTestId("page-problems")).toContainText("Fix the marked settings");
    await expect(page.getByRole("alert").filter({ hasText: "a value is required" })).toBeVisible();
    await heading(page, "6. Anchor");
    await page.getByLabel("Anchor column *").fill("id");
    await page.getByRole("button", { name: "Read again" }).or(page.getByRole("button", { name: "Discover schema" })).click();
    const preview = page.getByRole("table", { name: "Preview" });
    await expect(preview).toContainText("Lovelace");
    await expect(preview.getByRole("row")).toHaveCount(4);
    await shot(page, "06-anchor");

    // going back keeps what was entered; the attributes now show a live sample of values
    await page.getByRole("button", { name: "Back" }).click();
    await heading(page, "5. Attributes");
    const attributes = page.getByRole("table", { name: "Attributes of person" });
    await expect(attributes).toContainText("givenName");
    await expect(attributes.getByRole("row").filter({ hasText: "givenName" })).toContainText("Ada | Alan | Grace");
    await shot(page, "05-attributes");
    await next(page);
    await expect(page.getByLabel("Anchor column *")).toHaveValue("id");
    await next(page);

    // 7. connector filter (a form), 8. join and projection: the rules typed in the YAML view
    // (ma-designer-rules.spec.ts builds them through the forms)
    await heading(page, "7. Connector filter");
    await expect(page.getByTestId("rules-page-connector-filter")).toContainText("filtered disconnector");
    await shot(page, "07-connector-filter");
    await next(page);
    await heading(page, "8. Join and projection rules");
    await page.getByRole("button", { name: "Edit as YAML" }).click();
    await page.getByLabel(/Rules \(YAML\)/).fill(rules("givenName & & sn"));
    await shot(page, "08-join-and-projection");
    await next(page); // the bad expression belongs to Attribute flow, not to this page

    // 9. attribute flow (still the YAML view): the bad expression is marked at its position and Next stays here
    await heading(page, "9. Attribute flow");
    const problem = page.getByTestId("rule-problem");
    await expect(problem).toContainText("importFlows[1].expression");
    await expect(problem).toContainText("expression position 13");
    await expect(problem).toContainText("line 12, column 29");
    await expect(problem.getByTestId("rule-error-mark")).toHaveText("&");
    await expect(page.getByRole("complementary", { name: "Reference" })).toContainText("employeeID");
    await next(page);
    await expect(page.getByTestId("page-problems")).toContainText("importFlows[1].expression");
    await heading(page, "9. Attribute flow");

    // the step nav still jumps; the save refuses, naming the rule and the position
    await page.getByRole("button", { name: "13. Summary" }).click();
    await page.getByRole("button", { name: "Create management agent", exact: true }).click();
    await expect(page.getByTestId("save-refusal")).toContainText("rules.importFlows[1].expression");
    await expect(page.getByTestId("save-refusal")).toContainText("position 13");
    await page.getByTestId("save-refusal").getByRole("button", { name: "go to the page" }).click();
    await heading(page, "9. Attribute flow");
    await page.getByLabel(/Rules \(YAML\)/).fill(rules("givenName & ' ' & sn"));
    await expect(page.getByTestId("rules-status")).toHaveText("Rules are valid.");
    await shot(page, "09-attribute-flow");
    await next(page);

    // 10. deprovisioning
    await heading(page, "10. Deprovisioning");
    await page.getByRole("button", { name: "Back to the forms" }).click();
    await page.getByRole("radio", { name: /Make them explicit disconnectors/ }).check();
    await shot(page, "10-deprovisioning");
    await next(page);

    // 11. provisioning
    await heading(page, "11. Provisioning rules");
    await shot(page, "11-provisioning");
    await next(page);

    // 12. run profiles: a bad schedule stays on the page
    await heading(page, "12. Run profiles");
    await expect(page.getByLabel("Profile name")).toHaveValue("Full Import and Full Sync");
    await page.getByLabel("Schedule (cron, optional)").fill("every night");
    await next(page);
    await expect(page.getByTestId("page-problems")).toContainText("runProfiles[0].schedule");
    await page.getByLabel("Schedule (cron, optional)").fill("30 3 * * *");
    await page.getByLabel("Deletion threshold (objects)").fill("10");
    await shot(page, "12-run-profiles");
    await next(page);

    // 13. summary: grouped per page, with Edit links back
    await heading(page, "13. Summary");
    await expect(page.getByRole("region", { name: "Summary: Deprovisioning" })).toContainText("deprovision: explicit-disconnector");
    await expect(page.getByRole("region", { name: "Summary: Anchor" })).toContainText('anchor: "id"');
    await shot(page, "13-summary");
    await page.getByRole("button", { name: "Edit Connect", exact: true }).click();
    await heading(page, "2. Connect");
    await expect(page.getByLabel("File *")).toHaveValue(file);
    await page.getByRole("button", { name: "13. Summary" }).click();
    await page.getByRole("button", { name: "Create management agent", exact: true }).click();
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
    await page.getByRole("button", { name: "2. Connect" }).click();
    await expect(page.getByLabel("File *")).toHaveValue(file);
    await page.getByRole("button", { name: "13. Summary" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
    await expect(page.getByText("Contractors (edited)")).toBeVisible();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a half-finished MA is saved as a draft, listed, resumed on its page, finished and created; the draft is gone", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-e2e-draft-"));
  const file = path.join(dir, "suppliers.csv");
  fs.writeFileSync(file, "code,sn\nS1,Acme\nS2,Globex\n");
  const name = `Suppliers ${Date.now().toString(36)}`;
  const drafts = page.getByRole("table", { name: "MA drafts" });
  try {
    await signIn(page, ADMIN, "/management-agents/new");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("radio", { name: "Delimited text file (CSV)" }).check();
    await next(page);
    await page.getByLabel("File *").fill(file);
    await next(page);
    await next(page);
    await heading(page, "4. Object types");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByTestId("draft-status")).toContainText("Draft saved");

    // listed with its type, the page where it was left, when and by whom
    await page.goto("/management-agents");
    const row = drafts.getByRole("row").filter({ hasText: name });
    await expect(row).toContainText("csv");
    await expect(row).toContainText("Object types");
    await expect(row).toContainText(ADMIN.username);
    await page.screenshot({ path: "e2e-output/ma-designer-drafts-list.png", fullPage: true });

    // resumed on that page; going back shows what was entered
    await row.getByRole("link", { name: `Resume draft ${name}` }).click();
    await heading(page, "4. Object types");
    await expect(page.getByText("Resumed from a draft")).toBeVisible();
    await page.getByRole("button", { name: "Back" }).click();
    await page.getByRole("button", { name: "Back" }).click();
    await heading(page, "2. Connect");
    await expect(page.getByLabel("File *")).toHaveValue(file);

    // saved again in place, further on
    await page.getByRole("button", { name: "6. Anchor" }).click();
    await page.getByLabel("Anchor column *").fill("code");
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByTestId("draft-status")).toContainText("Draft saved");
    await page.goto("/management-agents");
    await expect(drafts.getByRole("row").filter({ hasText: name })).toHaveCount(1);
    await expect(drafts.getByRole("row").filter({ hasText: name })).toContainText("Anchor");
    await drafts.getByRole("link", { name: `Resume draft ${name}` }).click();
    await heading(page, "6. Anchor");
    await expect(page.getByLabel("Anchor column *")).toHaveValue("code");
    await expect(page.getByRole("table", { name: "Preview" })).toContainText("Globex");

    // finished and created: the draft is gone
    await page.getByRole("button", { name: "13. Summary" }).click();
    await page.getByRole("button", { name: "Create management agent", exact: true }).click();
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
    await page.goto("/management-agents");
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
    await expect(drafts.getByRole("row").filter({ hasText: name })).toHaveCount(0);

    // a draft can also be discarded
    const other = `${name} (abandoned)`;
    await page.goto("/management-agents/new");
    await page.getByLabel("Name").fill(other);
    await page.getByRole("button", { name: "Save as draft" }).click();
    await expect(page.getByTestId("draft-status")).toContainText("Draft saved");
    await page.goto("/management-agents");
    await drafts.getByRole("form", { name: `Discard draft ${other}` }).getByRole("button", { name: "Discard" }).click();
    await expect(drafts.getByRole("row").filter({ hasText: other })).toHaveCount(0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("helpdesk cannot open the MA Designer", async ({ page }) => {
  await signIn(page, HELPDESK, "/operations");
  await page.goto("/management-agents/new");
  await expect(page).toHaveURL(/\/forbidden$/);
});
