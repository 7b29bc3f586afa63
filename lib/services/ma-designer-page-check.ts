// "Next" in the MA Designer: the server checks the part of the draft the page owns (the name and
// type, the settings shown on that page, one section of the rules, the run profiles and safety) and
// answers every problem with its place, so the wizard can mark it next to the field. The save
// checks everything again; a page check only keeps the user from walking on with a known mistake.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import { connectorTypes } from "../connectors/registry.ts";
import { formatRulePath } from "../engine/rules-schema.ts";
import type { PageProblemView } from "../dto/ma-designer.ts";
import { maName, maSafetySchema, runProfileInputSchema, type RunProfileInput } from "../schemas/ma-designer.ts";
import { RULE_SECTION_PAGE, type MaPageCheckInput, type MaWizardPage, maPageCheckSchema } from "../schemas/ma-designer-pages.ts";
import { getDb, type Db } from "../store/db.ts";
import { selectMaForDesigner, selectMaIdByName } from "../store/ma-designer-queries.ts";
import { configProblems, rulesProblems, runProfileProblems } from "./ma-designer-checks.ts";
import { resolveConfig } from "./ma-designer-connection.ts";

type Draft = ReturnType<typeof maPageCheckSchema.parse>["draft"];

async function createProblems(draft: Draft, db: Db): Promise<PageProblemView[]> {
  const out: PageProblemView[] = [];
  const name = maName.safeParse(draft.name);
  if (!name.success) out.push({ path: "name", message: name.error.issues[0].message });
  else {
    const sameName = await selectMaIdByName(name.data, db);
    if (sameName && sameName !== draft.maId) out.push({ path: "name", message: `a management agent called "${name.data}" already exists` });
  }
  if (draft.description.length > 500) out.push({ path: "description", message: "a description is at most 500 characters" });
  if (!draft.type) out.push({ path: "type", message: "choose a connector type" });
  else if (!Object.hasOwn(connectorTypes, draft.type)) out.push({ path: "type", message: `unknown connector type "${draft.type}"` });
  else if (draft.maId) {
    const existing = await selectMaForDesigner(draft.maId, db);
    if (existing && existing.type !== draft.type) out.push({ path: "type", message: `the connector type of an existing MA cannot change (${existing.type})` });
  }
  return out;
}

async function settingsProblems(page: MaWizardPage, draft: Draft, db: Db): Promise<PageProblemView[]> {
  if (!Object.hasOwn(connectorTypes, draft.type)) return [{ path: "type", message: "choose a connector type on the first page" }];
  const resolved = await resolveConfig({ maId: draft.maId, type: draft.type, config: draft.config }, db);
  return configProblems(resolved)
    .filter((p) => p.page === page)
    .map((p) => {
      const inner = p.path.slice("config.".length);
      const field = inner.split(".")[0];
      return { path: field, message: inner === field ? p.message : `${inner}: ${p.message}` };
    });
}

function rulePageProblems(page: MaWizardPage, draft: Draft): PageProblemView[] {
  return rulesProblems(draft.rules)
    .map((p) => ({ ...p, path: p.path.slice("rules.".length) }))
    // problems outside the known sections (an unknown key) belong to the first rules page
    .filter((p) => (RULE_SECTION_PAGE[p.path.split(/[.[]/)[0]] ?? "connectorFilter") === page)
    .map((p) => ({ path: p.path, message: p.message, ...(p.position !== undefined ? { position: p.position } : {}) }));
}

function profilePageProblems(draft: Draft): PageProblemView[] {
  const out: PageProblemView[] = [];
  const profiles: RunProfileInput[] = [];
  draft.runProfiles.forEach((raw, i) => {
    const parsed = runProfileInputSchema.safeParse(raw);
    if (parsed.success) profiles.push(parsed.data);
    else for (const issue of parsed.error.issues) out.push({ path: formatRulePath([`runProfiles`, i, ...issue.path]), message: issue.message });
  });
  out.push(...runProfileProblems(profiles).map((p) => ({ path: p.path, message: p.message })));
  const safety = maSafetySchema.safeParse(draft.safety);
  if (!safety.success) for (const issue of safety.error.issues) out.push({ path: formatRulePath(["safety", ...issue.path]), message: issue.message });
  return out;
}

/** The problems of one page of the draft (none: the wizard may go on). */
export async function checkMaPage(actor: SessionUser, input: MaPageCheckInput, db: Db = getDb()): Promise<PageProblemView[]> {
  assertRole(actor, "admin");
  const { page, draft } = maPageCheckSchema.parse(input);
  switch (page) {
    case "create":
      return createProblems(draft, db);
    case "connect":
    case "scope":
    case "objectTypes":
    case "attributes":
    case "anchor":
      return settingsProblems(page, draft, db);
    case "connectorFilter":
    case "joinProjection":
    case "attributeFlow":
    case "deprovisioning":
    case "provisioning":
      return rulePageProblems(page, draft);
    case "runProfiles":
      return profilePageProblems(draft);
    case "summary":
      return [];
  }
}
