// Metaverse Search's query builder in the browser, on the demo data e2e/prepare-database.ts ran:
// two clauses joined by OR, chosen columns, keyset paging forward and back, all kept in the URL.
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { HELPDESK } from "./users.ts";

// title contains "engineer" OR department equals "research" among the ten HR people of the demo
const MATCHES = ["Ada Lovelace", "Alan Turing", "Barbara Liskov", "Edsger Dijkstra", "Frances Allen", "Grace Hopper", "John McCarthy", "Ken Thompson"];

async function shownNames(page: Page): Promise<string[]> {
  const results = page.getByRole("table", { name: "Search results" });
  await expect(results).toBeVisible();
  return results.locator("tbody tr td:first-child").allInnerTexts();
}

test("the help desk builds a two-clause query, chooses columns and pages through the results", async ({ page }) => {
  await signIn(page, HELPDESK, "/metaverse-search");
  const form = page.getByRole("form", { name: "Search the metaverse" });
  await form.getByLabel("Object type").selectOption("person");
  await form.getByLabel("Clause 1 attribute").selectOption("title");
  await form.getByLabel("Clause 1 operator").selectOption("contains");
  await form.getByLabel("Clause 1 value").fill("Engineer");
  await form.getByRole("button", { name: "Add clause" }).click();
  await form.getByLabel("Clause 2 attribute").selectOption("department");
  await form.getByLabel("Clause 2 operator").selectOption("equals");
  await form.getByLabel("Clause 2 value").fill("research");
  await form.getByLabel("Combine clauses").selectOption("or");
  await form.getByLabel("Page size").fill("3");
  await form.getByRole("checkbox", { name: "title" }).check();
  await form.getByRole("checkbox", { name: "department" }).check();
  await form.getByRole("button", { name: "Search" }).click();

  // the whole query is in the URL: a shareable link
  await expect(page).toHaveURL(/join=or/);
  const url = new URL(page.url());
  expect(url.searchParams.getAll("attr")).toEqual(["title", "department"]);
  expect(url.searchParams.getAll("op")).toEqual(["contains", "equals"]);
  expect(url.searchParams.getAll("col").sort()).toEqual(["department", "title"]);

  const results = page.getByRole("table", { name: "Search results" });
  await expect(results.getByRole("columnheader")).toHaveText(["Display name", "title", "department", "Last change"]);
  await expect(results.getByRole("row", { name: /Alan Turing/ })).toContainText("Research");
  const pager = page.getByRole("navigation", { name: "Result pages" });

  // forward through every page: each match once, none twice
  const pages: string[][] = [await shownNames(page)];
  await page.screenshot({ path: "e2e-output/metaverse-search.png", fullPage: true });
  while (await pager.getByRole("link", { name: "Next" }).count()) {
    const before = page.url();
    await pager.getByRole("link", { name: "Next" }).click();
    await expect(page).not.toHaveURL(before);
    await expect(page).toHaveURL(/after=/);
    pages.push(await shownNames(page));
  }
  expect(pages.map((p) => p.length)).toEqual([3, 3, 2]);
  expect([...pages.flat()].sort()).toEqual(MATCHES);

  // and back: the previous page is the same page again
  await pager.getByRole("link", { name: "Previous" }).click();
  await expect(page).toHaveURL(/before=/);
  await expect.poll(() => shownNames(page)).toEqual(pages[1]);
  await pager.getByRole("link", { name: "Previous" }).click();
  await expect.poll(() => shownNames(page)).toEqual(pages[0]);
  await expect(pager.getByText("Previous")).not.toHaveAttribute("href");

  // the form shows the query it ran; the object page is one click away
  await expect(form.getByLabel("Clause 2 value")).toHaveValue("research");
  await results.getByRole("link", { name: pages[0][0] }).click();
  await expect(page.getByRole("heading", { name: `${pages[0][0]} (person)` })).toBeVisible();
});

test("an attribute the object type lacks is named next to its clause", async ({ page }) => {
  await signIn(page, HELPDESK, "/metaverse-search?objectType=person&attr=salary&op=present&value=");
  await expect(page.getByRole("alert").filter({ hasText: 'unknown attribute "salary" of person' })).toBeVisible();
  await expect(page.getByRole("table", { name: "Search results" })).toHaveCount(0);
});
