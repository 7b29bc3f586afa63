// The public self-service pages in a real browser against a real slapd and a real SMTP server:
// Ada registers her answers after a bind with her current password, resets with them (a weak password
// is refused with its rule), and resets again with an e-mailed code; an unknown account sees the same
// answer as a known one. Every new password binds in the directory.
import { expect, test, type Page } from "@playwright/test";
import { Client } from "ldapts";
import { resetPassword } from "../lib/services/password-reset.ts";
import { startRun } from "../lib/services/run-service.ts";
import { upsertMa } from "../lib/store/config-records.ts";
import { upsertPasswordSettings } from "../lib/store/password-queries.ts";
import { startSlapd, type Slapd } from "../test/support/slapd.ts";
import { codeIn, startSmtp, type TestSmtp } from "../test/support/smtp.ts";
import { withE2eDb } from "./db.ts";
import { E2E_SMTP_PORT } from "../playwright.config.ts";

const MA = "Corp LDAP";
const ADA_DN = "uid=ada.lovelace,ou=people,dc=example,dc=com";
const actor = { id: "e2e", username: "e2e-setup", displayName: "E2E setup", role: "admin" as const };
let slapd: Slapd;
let smtp: TestSmtp;

test.describe.configure({ mode: "serial" });

async function binds(dn: string, password: string): Promise<boolean> {
  const c = new Client({ url: slapd.url });
  try {
    await c.bind(dn, password);
    return true;
  } catch {
    return false;
  } finally {
    await c.unbind().catch(() => {});
  }
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  slapd = await startSlapd();
  smtp = await startSmtp(E2E_SMTP_PORT);
  // Ada's account in the directory, joined to her mventry by uid = accountName
  const admin = new Client({ url: slapd.url });
  await admin.bind(slapd.adminDn, slapd.adminPassword);
  await admin.add(ADA_DN, { objectClass: ["top", "person", "organizationalPerson", "inetOrgPerson"], uid: "ada.lovelace", cn: "Ada Lovelace", sn: "Lovelace" });
  await admin.unbind();
  await withE2eDb(async (db) => {
    const maId = await upsertMa(db, {
      name: MA,
      type: "ldap",
      config: { url: slapd.url, bindDn: slapd.adminDn, bindPassword: slapd.adminPassword, baseDn: `ou=people,${slapd.baseDn}`, objectTypes: { inetOrgPerson: "person" } },
      rules: { joinProjection: [{ objectType: "person", mvObjectType: "person", join: [{ mappings: [{ cs: "uid", mv: "accountName" }] }], project: false }] },
      runProfiles: [{ name: "Full Import and Sync", steps: [{ type: "full-import" }, { type: "full-sync" }] }],
    } as Parameters<typeof upsertMa>[1]);
    for (const [ma, profile] of [[MA, "Full Import and Sync"]]) {
      const run = await startRun(actor, { ma, profile, trigger: "cli", inline: true }, db);
      const out = await run.done;
      if (out?.status !== "success") throw new Error(`${ma} ${profile}: ${out?.status} ${out?.message ?? ""}`);
    }
    await upsertPasswordSettings({ maId, enabled: true, mustChangeAtNextLogon: false }, db);
    const ada = await db.mvValue.findFirstOrThrow({ where: { attr: "accountName", value: "ada.lovelace" } });
    const set = await resetPassword(actor, { mvId: ada.mvId, generate: false, password: "Initial-Pass-1" }, { db });
    const here = set.results.find((r) => r.maName === MA);
    if (here?.status !== "success") throw new Error(`setting Ada's first password: ${JSON.stringify(set.results)}`);
  });
});

test.afterAll(async () => {
  await withE2eDb((db) => db.managementAgent.deleteMany({ where: { name: MA } }));
  await smtp?.stop();
  await slapd?.stop();
});

async function choosePassword(page: Page, password: string) {
  const form = page.getByRole("form", { name: "Choose a new password" });
  await form.getByLabel("New password", { exact: true }).fill(password);
  await form.getByLabel("New password again").fill(password);
  await form.getByRole("button", { name: "Set my password" }).click();
}

test("registers answers after a bind, then resets with them; a weak password is refused with its rule", async ({ page }) => {
  await page.goto("/reset/register");
  const bind = page.getByRole("form", { name: "Confirm your current password" });
  await bind.getByLabel("Account name or e-mail address").fill("ada.lovelace");
  await bind.getByLabel("Current password").fill("Initial-Pass-1");
  await bind.getByRole("button", { name: "Continue" }).click();
  const answers = page.getByRole("form", { name: "Register your answers" });
  await answers.getByLabel("What was the name of your first school?").fill("Hill Street");
  await answers.getByLabel("In which city were you born?").fill("London");
  await answers.getByLabel("What was the make of your first car?").fill("Babbage");
  await answers.getByRole("button", { name: "Save my answers" }).click();
  await expect(page.getByText("Your 3 answers are saved.")).toBeVisible();

  await page.goto("/reset");
  await page.getByLabel("Account name or e-mail address").fill("ada.lovelace");
  await page.getByRole("button", { name: "Continue" }).click();
  const verify = page.getByRole("form", { name: "Answer your security questions" });
  await verify.getByLabel("What was the name of your first school?").fill("hill street");
  await verify.getByLabel("In which city were you born?").fill("London");
  await verify.getByLabel("What was the make of your first car?").fill("Babbage");
  await verify.getByRole("button", { name: "Verify" }).click();
  await choosePassword(page, "weakpass");
  await expect(page.getByRole("form", { name: "Choose a new password" }).getByRole("alert")).toContainText("at least 10 characters");
  await choosePassword(page, "Ada-Chosen-Pass-22");
  await expect(page.getByTestId("self-reset-result")).toContainText("Your new password is set.");
  await expect(page.getByTestId(`result-${MA}`)).toContainText("Set");
  await page.screenshot({ path: "e2e-output/self-service-result.png", fullPage: true });
  expect(await binds(ADA_DN, "Ada-Chosen-Pass-22")).toBe(true);
});

test("an unknown account sees the same answer; Ada resets with an e-mailed code", async ({ page }) => {
  const ask = async (account: string) => {
    await page.goto("/reset");
    await page.getByLabel("Account name or e-mail address").fill(account);
    await page.getByLabel("E-mail me a one-time code").check();
    await page.getByRole("button", { name: "Continue" }).click();
    const form = page.getByRole("form", { name: "Enter the code" });
    await expect(form.getByRole("status")).toBeVisible();
    return form.getByRole("status").textContent();
  };
  const unknown = await ask("nobody.here");
  const known = await ask("ada.lovelace");
  expect(unknown).toBe(known);
  const code = codeIn(await smtp.waitFor("ada.lovelace@example.com"));
  const form = page.getByRole("form", { name: "Enter the code" });
  await form.getByLabel("One-time code (8 digits)").fill(code);
  await form.getByRole("button", { name: "Verify" }).click();
  await choosePassword(page, "Mailed-Code-Pass-33");
  await expect(page.getByTestId("self-reset-result")).toContainText("Your new password is set.");
  expect(await binds(ADA_DN, "Mailed-Code-Pass-33")).toBe(true);
  expect(smtp.messages.some((m) => m.to.includes("nobody.here"))).toBe(false);
});
