import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures.ts";
import { ADMIN } from "./users.ts";

test("admin adds a metaverse object type and an attribute in the designer", async ({ page }) => {
  const name = `contractor${Date.now().toString(36)}`;
  await signIn(page, ADMIN, "/metaverse-designer");
  await expect(page.getByTestId("object-type-person")).toBeVisible();

  const form = page.getByRole("form", { name: "Add object type" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Description").fill("External staff");
  await form.getByRole("button", { name: "Add object type" }).click();
  await expect(form.getByRole("status")).toContainText(`Object type “${name}” added.`);
  await expect(page.getByTestId(`object-type-${name}`)).toContainText("External staff");

  // The same name again is a conflict shown on the field, not a crash.
  await form.getByLabel("Name").fill(name);
  await form.getByRole("button", { name: "Add object type" }).click();
  await expect(form.getByRole("alert").first()).toContainText("already exists");

  const attrForm = page.getByRole("form", { name: "Add attribute" });
  await attrForm.getByLabel("Object type").selectOption(name);
  await attrForm.getByLabel("Attribute name").fill("agency");
  await attrForm.getByRole("button", { name: "Add attribute" }).click();
  await expect(attrForm.getByRole("status")).toContainText(`Attribute “${name}.agency” added.`);
  await expect(page.getByRole("table", { name: `Attributes of ${name}` })).toContainText("agency");
});
