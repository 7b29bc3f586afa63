// The MA Designer end to end for an LDAP MA against a real throwaway slapd (test/support/slapd.ts, as in
// e2e/self-service.spec.ts), seeded with three inetOrgPerson entries: the connection test shows the
// server's answer (a wrong password refused, then success), the schema and preview come from the
// directory, rules, a Full Import profile, save; then the Full Import runs from the console and the
// connector space counts the three entries; the wizard reopens with the object types as entered. Each wizard page is saved under e2e-output/.
import { expect, test, type Page } from "@playwright/test";
import { Client } from "ldapts";
import { startSlapd, type Slapd } from "../test/support/slapd.ts";
import { withE2eDb } from "./db.ts";
import { signIn } from "./fixtures.ts";
import { ADMIN } from "./users.ts";

const PEOPLE = [
  { uid: "grace.hopper", cn: "Grace Hopper", givenName: "Grace", sn: "Hopper", mail: "grace.hopper@example.com" },
  { uid: "alan.turing", cn: "Alan Turing", givenName: "Alan", sn: "Turing", mail: "alan.turing@example.com" },
  { uid: "edsger.dijkstra", cn: "Edsger Dijkstra", givenName: "Edsger", sn: "Dijkstra", mail: "edsger.dijkstra@example.com" },
];
const name = `Corp Directory ${Date.now().toString(36)}`;
let slapd: Slapd;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  slapd = await startSlapd();
  const admin = new Client({ url: slapd.url });
  await admin.bind(slapd.adminDn, slapd.adminPassword);
  try {
    for (const p of PEOPLE) {
      await admin.add(`uid=${p.uid},ou=people,${slapd.baseDn}`, { objectClass: ["top", "person", "organizationalPerson", "inetOrgPerson"], ...p });
    }
  } finally {
    await admin.unbind();
  }
});

test.afterAll(async () => {
  await withE2eDb((db) => db.managementAgent.deleteMany({ where: { name } }));
  await slapd?.stop();
});

const shot = (page: Page, file: string) => page.screenshot({ path: `e2e-output/ma-designer-ldap-${file}.png`, fullPage: true });

const RULES = `joinProjection:
  - objectType: person
    mvObjectType: person
    join:
      - mappings: [{ cs: uid, mv: accountName }]
    project: false
importFlows:
  - { objectType: person, mvObjectType: person, cs: uid, mv: accountName, precedence: 30 }
  - { objectType: person, mvObjectType: person, cs: cn, mv: displayName, precedence: 30 }
`;

test("admin creates an LDAP management agent with the MA Designer and runs its Full Import", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, ADMIN, "/management-agents");
  await page.getByRole("link", { name: "New management agent" }).click();
  await expect(page.getByRole("heading", { name: "New management agent" })).toBeVisible();

  // 1. general
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("People from the corporate directory");
  await page.getByRole("radio", { name: "LDAP directory (OpenLDAP and other LDAPv3 servers)" }).check();
  await shot(page, "1-general");
  await page.getByRole("button", { name: "Next" }).click();

  // 2. connection: the server refuses a wrong password, then accepts the right one
  await page.getByLabel("Server URL *").fill(slapd.url);
  await page.getByLabel("Bind DN *").fill(slapd.adminDn);
  await page.getByLabel("Bind password *").fill("not-the-password");
  await page.getByLabel("Base DN *").fill(`ou=people,${slapd.baseDn}`);
  await page.getByLabel("Object types", { exact: true }).fill("inetOrgPerson=person");
  await expect(page.getByLabel("Anchor attribute", { exact: true })).toHaveValue("entryUUID");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-result")).toContainText("ldap-invalid-credentials");
  await expect(page.getByTestId("connection-result")).not.toContainText("not-the-password");
  await page.getByLabel("Bind password *").fill(slapd.adminPassword);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-result")).toContainText("Connection succeeded");
  await shot(page, "2-connection");
  await page.getByRole("button", { name: "Next" }).click();

  // 3. schema (from the server's subschema) and preview (the first entries of a full import)
  await page.getByRole("button", { name: "Discover schema" }).click();
  await expect(page.getByText("Object type person · anchor entryUUID")).toBeVisible({ timeout: 30_000 });
  const attributes = page.getByRole("table", { name: "Attributes of person" });
  await expect(attributes).toContainText("givenName");
  await expect(attributes).toContainText("mail");
  const preview = page.getByRole("table", { name: "Preview" });
  await expect(preview).toContainText("uid=grace.hopper,ou=people,dc=example,dc=com");
  await expect(preview).toContainText("Dijkstra");
  await expect(preview.getByRole("row")).toHaveCount(1 + PEOPLE.length);
  await shot(page, "3-schema-and-preview");
  await page.getByRole("button", { name: "Next" }).click();

  // 4. rules
  await page.getByLabel(/Rules \(YAML\)/).fill(RULES);
  await expect(page.getByTestId("rules-status")).toHaveText("Rules are valid.", { timeout: 15_000 });
  await expect(page.getByRole("complementary", { name: "Reference" })).toContainText("givenName");
  await shot(page, "4-rules");
  await page.getByRole("button", { name: "Next" }).click();

  // 5. run profiles: the default one, plus a Full Import alone
  await expect(page.getByLabel("Profile name")).toHaveValue("Full Import and Full Sync");
  await page.getByRole("button", { name: "Add run profile" }).click();
  const second = page.getByRole("group", { name: "Run profile 2" });
  await second.getByLabel("Profile name").fill("Full Import");
  await expect(second.getByLabel("Step 1", { exact: true })).toHaveValue("full-import");
  await shot(page, "5-run-profiles");
  await page.getByRole("button", { name: "Next" }).click();

  // 6. review and save
  await expect(page.getByRole("heading", { name: "6. Review and save" })).toBeVisible();
  await shot(page, "6-review");
  await page.getByRole("button", { name: "Create management agent" }).click();
  await expect(page).toHaveURL(/\/management-agents\/[^/]+$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name, exact: true })).toBeVisible();
  const maUrl = page.url();
  await expect(page.getByTestId("count-objects")).toHaveText("0");

  // the Full Import, started from the console
  const run = page.getByRole("form", { name: `Run ${name}` });
  await run.getByLabel(`Run profile of ${name}`).selectOption("Full Import");
  await run.getByRole("button", { name: "Run" }).click();
  await expect(page).toHaveURL(/\/operations\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { name: `${name} · Full Import` })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("success", { timeout: 60_000 });
  await expect(page.getByTestId("counter-1-import-add")).toHaveText(String(PEOPLE.length));
  await shot(page, "7-full-import-run");

  await page.goto(maUrl);
  await expect(page.getByTestId("count-objects")).toHaveText(String(PEOPLE.length));
  await shot(page, "8-ma-after-import");

  // the wizard reopens with the object type mapping as entered (name=value lines)
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByRole("button", { name: "2. Connection" }).click();
  await expect(page.getByLabel("Object types", { exact: true })).toHaveValue("inetOrgPerson=person");
});
