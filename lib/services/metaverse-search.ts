// Metaverse Search (helpdesk): find mventries by one indexed attribute value; show one mventry.
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { MvEntryDetail, MvSearchResult } from "../dto/metaverse.ts";
import { AppError } from "../errors/app-error.ts";
import type { MvSearchInput } from "../schemas/metaverse.ts";
import { searchMvEntries, selectMvEntry } from "../store/metaverse-queries.ts";

export const SEARCH_LIMIT = 100;

export async function searchMetaverse(actor: SessionUser, input: MvSearchInput): Promise<MvSearchResult> {
  assertRole(actor, "helpdesk");
  return searchMvEntries({ ...input, limit: SEARCH_LIMIT });
}

export async function getMvEntry(actor: SessionUser, id: string): Promise<MvEntryDetail> {
  assertRole(actor, "helpdesk");
  const entry = await selectMvEntry(id);
  if (!entry) throw new AppError("NOT_FOUND", `no mventry with id ${id}`);
  return entry;
}
