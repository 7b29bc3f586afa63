// Run history filters of Operations on both providers: by MA, profile, status and days (UTC, both ends
// included), paged newest first; the filters' choices; the URL query schema.
import { beforeAll, expect, it } from "vitest";
import { forEachProvider } from "../support/databases.ts";
import { listRunHistory, runHistoryFilterChoices } from "../../lib/services/run-history.ts";
import { runHistoryQuerySchema, runHistorySearchParams } from "../../lib/schemas/runs.ts";
import { upsertMa } from "../../lib/store/config-records.ts";
import { helpdesk } from "./console-kit.ts";

forEachProvider((ctx) => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    for (const name of ["Alpha", "Beta"]) {
      ids[name] = await upsertMa(ctx.db, { name, type: "csv", config: { path: "/nowhere.csv", anchor: "id" }, rules: {}, runProfiles: [{ name: "Full Import", steps: [{ type: "full-import" }] }] });
    }
    const run = (ma: string, profileName: string, status: string, queuedAt: string) =>
      ctx.db.run.create({ data: { maId: ids[ma]!, profileName, status, trigger: "user", startedBy: "t", queuedAt: new Date(queuedAt), endedAt: new Date(queuedAt) } });
    await run("Alpha", "Full Import", "success", "2026-03-01T00:00:00.000Z");
    await run("Alpha", "Full Import", "stopped-user", "2026-03-01T23:59:59.999Z");
    await run("Alpha", "Delta Sync", "completed-sync-errors", "2026-03-02T00:00:00.000Z");
    await run("Beta", "Full Import", "success", "2026-03-02T12:00:00.000Z");
    await run("Beta", "Old Profile", "stopped-user", "2026-03-03T08:00:00.000Z");
  });

  const who = (runs: { maName: string; profileName: string; status: string }[]) => runs.map((r) => `${r.maName}/${r.profileName}/${r.status}`);

  it("lists every run newest first without filters", async () => {
    const page = await listRunHistory(helpdesk, {}, ctx.db);
    expect(page).toMatchObject({ page: 1, pageSize: 50, total: 5 });
    expect(who(page.items)).toEqual([
      "Beta/Old Profile/stopped-user",
      "Beta/Full Import/success",
      "Alpha/Delta Sync/completed-sync-errors",
      "Alpha/Full Import/stopped-user",
      "Alpha/Full Import/success",
    ]);
  });

  it("filters by MA, profile and status, alone and together", async () => {
    expect((await listRunHistory(helpdesk, { ma: ids.Alpha }, ctx.db)).total).toBe(3);
    expect(who((await listRunHistory(helpdesk, { profile: "Full Import" }, ctx.db)).items)).toEqual([
      "Beta/Full Import/success",
      "Alpha/Full Import/stopped-user",
      "Alpha/Full Import/success",
    ]);
    expect(who((await listRunHistory(helpdesk, { status: "stopped-user" }, ctx.db)).items)).toEqual(["Beta/Old Profile/stopped-user", "Alpha/Full Import/stopped-user"]);
    expect(who((await listRunHistory(helpdesk, { ma: ids.Alpha, profile: "Full Import", status: "success" }, ctx.db)).items)).toEqual(["Alpha/Full Import/success"]);
    expect((await listRunHistory(helpdesk, { ma: "no-such-ma" }, ctx.db)).total).toBe(0);
  });

  it("filters by days, UTC, both ends included", async () => {
    expect(who((await listRunHistory(helpdesk, { from: "2026-03-01", to: "2026-03-01" }, ctx.db)).items)).toEqual(["Alpha/Full Import/stopped-user", "Alpha/Full Import/success"]);
    expect((await listRunHistory(helpdesk, { from: "2026-03-02" }, ctx.db)).total).toBe(3);
    expect((await listRunHistory(helpdesk, { to: "2026-03-02" }, ctx.db)).total).toBe(4);
    expect(who((await listRunHistory(helpdesk, { ma: ids.Beta, from: "2026-03-02", to: "2026-03-02" }, ctx.db)).items)).toEqual(["Beta/Full Import/success"]);
    expect((await listRunHistory(helpdesk, { from: "2026-03-04" }, ctx.db)).total).toBe(0);
  });

  it("pages the filtered runs, newest first", async () => {
    const p1 = await listRunHistory(helpdesk, { ma: ids.Alpha, page: 1, pageSize: 2 }, ctx.db);
    expect(p1).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(who(p1.items)).toEqual(["Alpha/Delta Sync/completed-sync-errors", "Alpha/Full Import/stopped-user"]);
    const p2 = await listRunHistory(helpdesk, { ma: ids.Alpha, page: 2, pageSize: 2 }, ctx.db);
    expect(who(p2.items)).toEqual(["Alpha/Full Import/success"]);
    expect((await listRunHistory(helpdesk, { ma: ids.Alpha, page: 3, pageSize: 2 }, ctx.db)).items).toEqual([]);
  });

  it("offers every MA and every profile name, including ones only run history remembers", async () => {
    const choices = await runHistoryFilterChoices(helpdesk, ctx.db);
    expect(choices.mas.map((m) => m.name)).toEqual(["Alpha", "Beta"]);
    expect(choices.profiles).toEqual(["Delta Sync", "Full Import", "Old Profile"]);
  });
});

it("reads the filters from URL search params: blanks are no filter, bad values are named", () => {
  expect(runHistoryQuerySchema.parse({ ma: "", profile: " ", status: "", from: "", to: "", page: "2" })).toEqual({ page: 2, pageSize: 50 });
  const q = runHistoryQuerySchema.parse({ ma: "m1", status: "stopped-user", from: "2026-03-01", to: "2026-03-02" });
  expect(runHistorySearchParams(q, 3).toString()).toBe("ma=m1&status=stopped-user&from=2026-03-01&to=2026-03-02&page=3");
  const problem = (input: Record<string, string>) => runHistoryQuerySchema.safeParse(input).error?.issues[0]?.message;
  expect(problem({ status: "done" })).toMatch(/^status is one of queued, in-progress, success, .*stopped-user/);
  expect(problem({ from: "2026-02-30" })).toBe("the first day is not a date of the calendar");
  expect(problem({ to: "03/01/2026" })).toBe("the last day is a date written YYYY-MM-DD");
  expect(problem({ from: "2026-03-02", to: "2026-03-01" })).toBe("the last day is before the first day");
  expect(problem({ page: "0" })).toBe("page starts at 1");
});
