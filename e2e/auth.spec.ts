import { expect, test } from "@playwright/test";
import { ALL_SECTIONS, HELPDESK_SECTIONS, signIn } from "./fixtures.ts";
import { ADMIN, HELPDESK } from "./users.ts";

test("an anonymous visitor of a console page is sent to /signin", async ({ page }) => {
  await page.goto("/management-agents");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fmanagement-agents$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
});

test("an anonymous GET on an admin API route answers 401 JSON", async ({ request }) => {
  const res = await request.get("/api/metaverse/object-types");
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ code: "UNAUTHENTICATED" });
});

test("a wrong password keeps the user on the sign-in page with a message", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("form", { name: "Sign in" }).getByRole("alert")).toContainText("Wrong username or password");
  await expect(page).toHaveURL(/\/signin/);
});

test("admin sees all ten sections", async ({ page }) => {
  await signIn(page, ADMIN);
  const nav = page.getByRole("navigation", { name: "Console sections" });
  for (const label of ALL_SECTIONS) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
  await expect(nav.getByRole("link")).toHaveCount(ALL_SECTIONS.length);
  await page.screenshot({ path: "e2e-output/admin-shell.png", fullPage: true });
});

test("helpdesk sees only Dashboard, Operations, Schedules, Metaverse Search and Password Reset, and cannot open admin pages", async ({ page }) => {
  await signIn(page, HELPDESK);
  const nav = page.getByRole("navigation", { name: "Console sections" });
  for (const label of HELPDESK_SECTIONS) await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
  await expect(nav.getByRole("link")).toHaveCount(HELPDESK_SECTIONS.length);
  await page.screenshot({ path: "e2e-output/helpdesk-shell.png", fullPage: true });

  await page.goto("/metaverse-designer");
  await expect(page).toHaveURL(/\/forbidden$/);
  await expect(page.getByText("Your role cannot open this page")).toBeVisible();
});

test("helpdesk POST to an admin API route answers 403 JSON", async ({ page }) => {
  await signIn(page, HELPDESK);
  const res = await page.request.post("/api/metaverse/object-types", { data: { name: "helpdeskType" } });
  expect(res.status()).toBe(403);
  expect(await res.json()).toMatchObject({ code: "FORBIDDEN" });
  const runs = await page.request.get("/api/runs");
  expect(runs.status()).toBe(200);
});
