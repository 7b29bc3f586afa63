// Sign-in through the real form (the same path a user takes).
import { expect, type Page } from "@playwright/test";

export async function signIn(page: Page, user: { username: string; password: string }, callbackUrl = "/operations"): Promise<void> {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByLabel("Username").fill(user.username);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toContainText(user.username);
}

export const ALL_SECTIONS = ["Dashboard", "Operations", "Management Agents", "Schedules", "Metaverse Designer", "Metaverse Search", "Joiner", "Password Reset", "Password Management", "API Tokens"];
export const HELPDESK_SECTIONS = ["Dashboard", "Operations", "Schedules", "Metaverse Search", "Password Reset"];
