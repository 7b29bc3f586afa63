// The Joiner by hand: a refusal when the mventry already has a connector of the MA, then a manual join.
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { withE2eDb } from "./db.ts";
import { ADMIN } from "./users.ts";
import { SqlSyncStore } from "../lib/store/sync-store.ts";

test("admin joins the Directory's leftover account to an mventry by hand", async ({ page }) => {
  // A person the rules never linked to the Directory: the only kind of mventry a Directory csentry may join.
  const tag = Date.now().toString(36);
  await withE2eDb((db) =>
    SqlSyncStore.create(db).mvInsert([{ objectType: "person", attrs: { displayName: [`Casey Contractor ${tag}`], accountName: [`casey.${tag}`] }, lineage: {} }]),
  );
  await signIn(page, ADMIN, "/joiner");
  await page.getByRole("link", { name: "Join or project uid=old.contractor,ou=people,dc=example,dc=com" }).click();
  await expect(page.getByRole("heading", { name: "Joiner · uid=old.contractor,ou=people,dc=example,dc=com" })).toBeVisible();
  await expect(page.getByTestId("joiner-state")).toHaveText("normal-disconnector");

  const search = page.getByRole("form", { name: "Search the metaverse" });
  await search.getByLabel("Object type").selectOption("person");
  await search.getByLabel("Attribute").selectOption("accountName");
  await search.getByLabel("Match").selectOption("prefix");
  await search.getByLabel("Value").fill("ada.");
  await search.getByRole("button", { name: "Search" }).click();
  // Ada already has her Directory account: the join is refused with the reason.
  const refused = page.getByRole("form", { name: "Join to Ada Lovelace" });
  await refused.getByRole("button", { name: "Join" }).click();
  await expect(refused.getByRole("alert")).toContainText("already has a connector from Directory (uid=ada.lovelace,ou=people,dc=example,dc=com)");

  await search.getByLabel("Value").fill(`casey.${tag}`);
  await search.getByRole("button", { name: "Search" }).click();
  await page.getByRole("form", { name: `Join to Casey Contractor ${tag}` }).getByRole("button", { name: "Join" }).click();

  await expect(page.getByRole("heading", { name: "csentry uid=old.contractor,ou=people,dc=example,dc=com" })).toBeVisible();
  await expect(page.getByTestId("cs-state")).toHaveText("connector");
  await expect(page.getByText(/^manual/)).toBeVisible();
  await expect(page.getByTestId("pending-import")).toContainText("update");
  await expect(page.getByRole("link", { name: `Casey Contractor ${tag} (person)` })).toBeVisible();
  await page.screenshot({ path: "e2e-output/joiner-joined.png", fullPage: true });

  await page.goto("/joiner");
  await expect(page.getByText("uid=old.contractor,ou=people,dc=example,dc=com")).toHaveCount(0);
});
