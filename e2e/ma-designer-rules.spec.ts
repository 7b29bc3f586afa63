// The MA Designer's rule pages end to end: a CSV MA whose rules are built through the forms (a
// connector filter, join and projection, a direct and an expression import flow: the expression's
// error marked at its position, then its value on the connection preview's sample; an export flow
// previewed on a metaverse sample; deprovisioning and the object deletion rule; a provisioning rule),
// the demo HR MA's precedence for the same attribute shown on the Attribute flow page, the YAML view
// in sync with the forms both ways, and the rules as stored read back from the MA page's YAML.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import YAML from "yaml";
import { signIn } from "./fixtures.ts";
import { ADMIN } from "./users.ts";

async function goToPage(page: Page, name: string) {
  await page.getByRole("navigation", { name: "Wizard steps" }).getByRole("button", { name: new RegExp(`^\\d+\\. ${name}$`) }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`^\\d+\\. ${name}$`) })).toBeVisible();
}

test("admin builds an MA's rules through the rule pages", async ({ page }) => {
  test.setTimeout(150_000); // thirteen wizard pages, each rule change checked and previewed by the server
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "idsync-e2e-rules-"));
  const file = path.join(dir, "contractors.csv");
  fs.writeFileSync(file, "id,givenName,sn\nC1,Ada,Lovelace\nC2,Alan,Turing\nC3,Grace,Hopper\n");
  const name = `Rules ${Date.now().toString(36)}`;
  try {
    await signIn(page, ADMIN, "/management-agents/new");
    await page.getByLabel("Name").fill(name);
    await page.getByRole("radio", { name: "Delimited text file (CSV)" }).check();
    await goToPage(page, "Connect");
    await page.getByLabel("File *").fill(file);
    await goToPage(page, "Anchor");
    await page.getByLabel("Anchor column *").fill("id");
    await page.getByRole("button", { name: "Read again" }).or(page.getByRole("button", { name: "Discover schema" })).click();
    await expect(page.getByRole("table", { name: "Preview" })).toContainText("Lovelace");

    // Connector filter: a condition previewed on the first preview row (Ada Lovelace)
    await goToPage(page, "Connector filter");
    await page.getByRole("button", { name: "+ Add filter" }).click();
    await expect(page.getByLabel("Filter 1: object type")).toHaveValue("person");
    await page.getByLabel("Filter 1: condition", { exact: true }).fill("sn = 'Hopper'");
    const filterPreview = page.getByTestId("rules-page-connector-filter").getByTestId("expression-preview");
    await expect(filterPreview).toContainText("on person");
    await expect(filterPreview).toContainText("false");

    // Join and projection: person -> person, join id -> employeeID, project when no join
    await goToPage(page, "Join and projection rules");
    await page.getByRole("button", { name: "+ Add an object type" }).click();
    await expect(page.getByLabel("Object type 1: csentry object type")).toHaveValue("person");
    await page.getByLabel("Object type 1: metaverse object type").fill("person");
    // the attribute inputs offer the discovered schema and the metaverse model
    await expect(page.locator("#rules-cs-attrs-person option[value='givenName']")).toHaveCount(1);
    await expect(page.locator("#rules-mv-attrs-person option[value='employeeID']")).toHaveCount(1);
    await page.getByLabel("Object type 1 join rule 1 mapping 1: csentry attribute").fill("id");
    await page.getByLabel("Object type 1 join rule 1 mapping 1: mventry attribute").fill("employeeID");
    // a second join rule on an expression, moved first
    await page.getByRole("button", { name: "+ Add join rule" }).click();
    await page.getByLabel("Object type 1 join rule 2 mapping 1: compare").selectOption("expression");
    await page.getByLabel("Object type 1 join rule 2 mapping 1: csentry expression", { exact: true }).fill("$lower(givenName & '.' & sn)");
    await page.getByLabel("Object type 1 join rule 2 mapping 1: mventry attribute").fill("accountName");
    await page.getByRole("button", { name: "Preview Object type 1 join rule 2 mapping 1: csentry expression" }).click();
    await expect(page.getByRole("listitem", { name: "Object type 1 join rule 2" }).getByTestId("expression-preview").locator("code").last()).toHaveText("ada.lovelace");
    await page.getByRole("button", { name: "Move object type 1 join rule 2 up" }).click();
    await expect(page.getByLabel("Object type 1 join rule 1 mapping 1: mventry attribute")).toHaveValue("accountName");
    await expect(page.getByLabel("Object type 1: project a new mventry when no join rule matches")).toBeChecked();
    await expect(page.getByTestId("rules-status")).toHaveText("Rules are valid.");

    // Attribute flow: a direct and an expression import flow, an export flow
    await goToPage(page, "Attribute flow");
    await page.getByLabel("New pair: metaverse object type").fill("person");
    await page.getByRole("button", { name: "+ Add import flow for this pair" }).click();
    await page.getByLabel("Import flow 1: csentry attribute").fill("id");
    await page.getByLabel("Import flow 1: mventry attribute").fill("employeeID");
    await page.getByLabel("Import flow 1: precedence").fill("20");
    await page.getByRole("button", { name: "+ Add import flow to person" }).click();
    await page.getByLabel("Import flow 2: kind").selectOption("expression");
    await page.getByLabel("Import flow 2: mventry attribute").fill("displayName");
    await page.getByLabel("Import flow 2: precedence").fill("50");
    const expression = page.getByLabel("Import flow 2: expression", { exact: true });
    await expression.fill("givenName & & sn");
    const problem = page.getByTestId("expression-problem");
    await expect(problem).toContainText("syntax error at position 13");
    await expect(problem.getByTestId("expression-error-mark")).toHaveText("&");
    await expect(page.getByTestId("rules-status")).toHaveText("1 problem");
    await expression.fill("givenName & ' ' & sn");
    await expect(problem).toHaveCount(0);
    const importPreview = page.getByRole("listitem", { name: /^Import flow 2/ }).getByTestId("expression-preview");
    await expect(importPreview).toContainText("on person C1 (connection preview)");
    await expect(importPreview.locator("code").last()).toHaveText("Ada Lovelace");

    await page.getByRole("button", { name: "+ Add export flow to person" }).click();
    await page.getByLabel("Export flow 1: kind").selectOption("expression");
    await page.getByLabel("Export flow 1: expression", { exact: true }).fill("$uppercase(sn)");
    await page.getByLabel("Export flow 1: csentry attribute").fill("sn");
    const exportPreview = page.getByRole("listitem", { name: /^Export flow 1/ }).getByTestId("expression-preview");
    await expect(exportPreview).toContainText("(metaverse)");
    await expect(exportPreview.locator("code").last()).toHaveText(/^[A-Z][A-Z' -]+$/);

    // precedence across MAs: the demo HR MA flows displayName at 10, this MA at 50
    const precedence = page.getByRole("table", { name: "Precedence of person.displayName" });
    await expect(precedence.getByRole("row").filter({ hasText: "HR" })).toContainText("10");
    await expect(precedence.getByRole("row").filter({ hasText: "(this MA)" })).toContainText("50");
    await expect(precedence.getByRole("row").filter({ hasText: "HR" }).getByRole("cell").first()).toHaveText("1");
    await expect(page.getByRole("region", { name: "Precedence across management agents" }).getByTestId("precedence-rank").first()).not.toHaveText("1st");

    // the YAML view holds the same rules; an edit there shows in the forms
    await page.getByRole("button", { name: "Edit as YAML" }).click();
    const yaml = page.getByLabel(/Rules \(YAML\)/);
    await expect(yaml).toHaveValue(/expression: givenName & ' ' & sn/);
    await yaml.fill((await yaml.inputValue()).replace("precedence: 50", "precedence: 40"));
    await expect(page.getByTestId("rules-status")).toHaveText("Rules are valid.");
    await page.getByRole("button", { name: "Back to the forms" }).click();
    await expect(page.getByLabel("Import flow 2: precedence")).toHaveValue("40");
    await expect(precedence.getByRole("row").filter({ hasText: "(this MA)" })).toContainText("40");

    // Deprovisioning
    await goToPage(page, "Deprovisioning");
    await page.getByRole("radio", { name: /Stage a delete/ }).check();
    await page.getByRole("checkbox", { name: /Delete the mventry when its connector from this MA is deleted/ }).check();

    // Provisioning: a rule previewed on a metaverse person
    await goToPage(page, "Provisioning rules");
    await page.getByRole("button", { name: "+ Add provisioning rule" }).click();
    await page.getByLabel("Provisioning rule 1: name").fill("contractor rows");
    await page.getByLabel("Provisioning rule 1: metaverse object type").fill("person");
    await expect(page.getByLabel("Provisioning rule 1: csentry object type")).toHaveValue("person");
    await page.getByRole("button", { name: "+ Add condition" }).click();
    await page.getByLabel("Provisioning rule 1: Condition", { exact: true }).fill("$exists(employeeID)");
    await page.getByLabel("Provisioning rule 1: DN", { exact: true }).fill("'id=' & employeeID");
    await page.getByRole("button", { name: "+ Add anchor" }).click();
    await page.getByLabel("Provisioning rule 1: Anchor", { exact: true }).fill("employeeID");
    await page.getByRole("button", { name: "+ Add initial attribute" }).click();
    await page.getByLabel("Provisioning rule 1 initial attribute 1: csentry attribute").fill("givenName");
    await page.getByLabel("Provisioning rule 1 initial attribute 1: value", { exact: true }).fill("givenName");
    const dnPreview = page.getByRole("region", { name: "Provisioning rule 1" }).getByTestId("expression-preview").nth(1);
    await expect(dnPreview.locator("code").last()).toHaveText(/^id=\S+$/);
    await expect(page.getByTestId("rules-status")).toHaveText("Rules are valid.");

    // save, then read the stored rules back from the MA page's configuration as code
    await goToPage(page, "Summary");
    await page.getByRole("button", { name: "Create management agent", exact: true }).click();
    await expect(page).toHaveURL(/\/management-agents\/[^/]+$/);
    await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
    const href = await page.getByRole("link", { name: "Download YAML" }).getAttribute("href");
    const response = await page.request.get(href!);
    expect(response.ok()).toBe(true);
    const stored = YAML.parse(await response.text()) as { managementAgents?: { rules?: Record<string, unknown> }[]; rules?: Record<string, unknown> };
    const rules = stored.managementAgents?.[0]?.rules ?? stored.rules;
    expect(rules).toMatchObject({
      connectorFilters: [{ objectType: "person", condition: "sn = 'Hopper'" }],
      joinProjection: [{ objectType: "person", mvObjectType: "person", join: [
        { mappings: [{ expression: "$lower(givenName & '.' & sn)", mv: "accountName" }] },
        { mappings: [{ cs: "id", mv: "employeeID" }] },
      ], project: true }],
      importFlows: [
        { objectType: "person", mvObjectType: "person", cs: "id", mv: "employeeID", precedence: 20 },
        { objectType: "person", mvObjectType: "person", expression: "givenName & ' ' & sn", mv: "displayName", precedence: 40 },
      ],
      exportFlows: [{ objectType: "person", mvObjectType: "person", cs: "sn", expression: "$uppercase(sn)" }],
      deprovision: "delete",
      deleteMvOnDisconnect: true,
      provisioning: [{ name: "contractor rows", mvObjectType: "person", objectType: "person", condition: "$exists(employeeID)", dn: "'id=' & employeeID", anchor: "employeeID", initial: { givenName: "givenName" } }],
    });

    // edit: the forms start from the stored rules; the rule page reads the file for its choices
    await page.getByRole("link", { name: "Edit" }).click();
    await goToPage(page, "Attribute flow");
    await expect(page.getByLabel("Import flow 2: expression", { exact: true })).toHaveValue("givenName & ' ' & sn");
    await expect(page.locator("#rules-cs-attrs-person option[value='givenName']")).toHaveCount(1);
    await expect(precedence.getByRole("row").filter({ hasText: `${name} (this MA)` })).toContainText("40");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
