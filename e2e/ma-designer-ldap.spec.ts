// The MA Designer end to end for an LDAP MA against a real throwaway slapd (test/support/slapd.ts, as in
// e2e/self-service.spec.ts), seeded with three inetOrgPerson entries, page by page: the connection
// test shows the server's answer (a wrong password refused, then the root DSE with its naming
// contexts), a partition chosen and narrowed to a container, object types, the schema with a live
// sample, the anchor, rules, a Full Import profile, the summary, save; then the Full Import runs from
// the console and the connector space counts the three entries; the wizard reopens with the object
// types as entered. Each wizard page is saved under e2e-output/.
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
const heading = (page: Page, title: string) => expect(page.getByRole("heading", { level: 2, name: title, exact: true })).toBeVisible();
const next = (page: Page) => page.getByRole("button", { name: "Next" }).click();

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

  // 1. create
  await heading(page, "1. Create management agent");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("People from the corporate directory");
  await page.getByRole("radio", { name: "LDAP directory (OpenLDAP and other LDAPv3 servers)" }).check();
  await shot(page, "01-create");
  await next(page);

  // 2. connect: the server refuses a wrong password, then binds and answers with its root DSE
  await heading(page, "2. Connect");
  await page.getByLabel("Server URL *").fill(slapd.url);
  await page.getByLabel("Bind DN *").fill(slapd.adminDn);
  await page.getByLabel("Bind password *").fill("not-the-password");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-result")).toContainText("ldap-invalid-credentials");
  await expect(page.getByTestId("connection-result")).not.toContainText("not-the-password");
  await page.getByLabel("Bind password *").fill(slapd.adminPassword);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-result")).toContainText("Connection succeeded");
  await expect(page.getByTestId("connection-result")).toContainText("naming context");
  await shot(page, "02-connect");
  await next(page);

  // 3. partitions and containers: the server's naming contexts; Next refuses without a base DN
  await heading(page, "3. Partitions and containers");
  await expect(page.getByRole("list", { name: "Naming contexts" })).toContainText(slapd.baseDn);
  await next(page);
  await expect(page.getByRole("alert").filter({ hasText: "a value is required" })).toBeVisible();
  await page.getByRole("button", { name: `Use ${slapd.baseDn} as the base DN` }).click();
  await expect(page.getByLabel("Base DN *")).toHaveValue(slapd.baseDn);
  await page.getByLabel("Base DN *").fill(`ou=people,${slapd.baseDn}`);
  await page.getByRole("button", { name: "Preview entries" }).click();
  const preview = page.getByRole("table", { name: "Preview" });
  await expect(preview).toContainText("uid=grace.hopper,ou=people,dc=example,dc=com", { timeout: 30_000 });
  // no object types chosen yet: the container entry itself is read too
  await expect(preview.getByRole("row")).toHaveCount(1 + 1 + PEOPLE.length);
  await expect(page.getByRole("alert").filter({ hasText: "a value is required" })).toHaveCount(0);
  await shot(page, "03-partitions");
  await next(page);

  // 4. object types
  await heading(page, "4. Object types");
  await page.getByLabel("Object types", { exact: true }).fill("inetOrgPerson=person");
  await page.getByRole("button", { name: "Read again" }).click();
  await expect(page.getByRole("table", { name: "Discovered object types" })).toContainText("person", { timeout: 30_000 });
  await shot(page, "04-object-types");
  await next(page);

  // 5. attributes: the directory's schema with a live sample of values
  await heading(page, "5. Attributes");
  await expect(page.getByText("Object type person · anchor entryUUID")).toBeVisible({ timeout: 30_000 });
  const attributes = page.getByRole("table", { name: "Attributes of person" });
  await expect(attributes).toContainText("givenName");
  await expect(attributes).toContainText("mail");
  await expect(attributes.getByRole("row").filter({ hasText: /^sn/ })).toContainText("Hopper");
  await shot(page, "05-attributes");
  await next(page);

  // 6. anchor
  await heading(page, "6. Anchor");
  await expect(page.getByLabel("Anchor attribute", { exact: true })).toHaveValue("entryUUID");
  const anchors = page.getByRole("table", { name: "Preview" });
  await expect(anchors).toContainText("Dijkstra", { timeout: 30_000 });
  await expect(anchors.getByRole("row")).toHaveCount(1 + PEOPLE.length);
  await shot(page, "06-anchor");
  await next(page);

  // 7. connector filter
  await heading(page, "7. Connector filter");
  await shot(page, "07-connector-filter");
  await next(page);

  // 8. join and projection: the rules typed in the YAML view
  await heading(page, "8. Join and projection rules");
  await page.getByRole("button", { name: "Edit as YAML" }).click();
  await page.getByLabel(/Rules \(YAML\)/).fill(RULES);
  await expect(page.getByTestId("rules-status")).toHaveText("Rules are valid.", { timeout: 15_000 });
  await expect(page.getByRole("complementary", { name: "Reference" })).toContainText("givenName");
  await shot(page, "08-join-and-projection");
  await next(page);

  // 9. attribute flow, 10. deprovisioning, 11. provisioning
  await heading(page, "9. Attribute flow");
  await shot(page, "09-attribute-flow");
  await next(page);
  await heading(page, "10. Deprovisioning");
  await shot(page, "10-deprovisioning");
  await next(page);
  await heading(page, "11. Provisioning rules");
  await shot(page, "11-provisioning");
  await next(page);

  // 12. run profiles: the default one, plus a Full Import alone
  await heading(page, "12. Run profiles");
  await expect(page.getByLabel("Profile name")).toHaveValue("Full Import and Full Sync");
  await page.getByRole("button", { name: "Add run profile" }).click();
  const second = page.getByRole("group", { name: "Run profile 2" });
  await second.getByLabel("Profile name").fill("Full Import");
  await expect(second.getByLabel("Step 1", { exact: true })).toHaveValue("full-import");
  await shot(page, "12-run-profiles");
  await next(page);

  // 13. summary and save
  await heading(page, "13. Summary");
  await expect(page.getByRole("region", { name: "Summary: Partitions and containers" })).toContainText(`ou=people,${slapd.baseDn}`);
  await expect(page.getByRole("region", { name: "Summary: Connect", exact: true })).toContainText("bindPassword: (new value)");
  await shot(page, "13-summary");
  await page.getByRole("button", { name: "Create management agent", exact: true }).click();
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
  await shot(page, "14-full-import-run");

  await page.goto(maUrl);
  await expect(page.getByTestId("count-objects")).toHaveText(String(PEOPLE.length));
  await shot(page, "15-ma-after-import");

  // the wizard reopens with the object type mapping as entered (name=value lines)
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByRole("button", { name: "4. Object types" }).click();
  await expect(page.getByLabel("Object types", { exact: true })).toHaveValue("inetOrgPerson=person");
});
