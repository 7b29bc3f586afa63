// The server actions the wizard calls, passed in by the page (components never import app code).
import type { ActionResult } from "../../lib/dto/action-result.ts";
import type { ConnectionTestView, FileSampleView, PageProblemView, SavedMaDraftView, RuleProblemView, SavedMaView, SchemaDiscoveryView } from "../../lib/dto/ma-designer.ts";
import type { MaConnectionInput, MaDraftInput } from "../../lib/schemas/ma-designer.ts";
import type { MaPageCheckInput } from "../../lib/schemas/ma-designer-pages.ts";
import type { RulePageActions } from "./rules/rules-context.ts";
import type { SaveMaDraftInput } from "../../lib/schemas/ma-drafts.ts";

/** The rule pages add the expression preview and the import precedence across MAs (RulePageActions). */
export interface DesignerActions extends RulePageActions {
  /** the Connect page's test: the connection settings only (an LDAP server's root DSE). */
  probeConnection: (input: MaConnectionInput) => Promise<ActionResult<ConnectionTestView>>;
  /** a file MA's first lines, as they are. */
  sampleFile: (input: MaConnectionInput) => Promise<ActionResult<FileSampleView>>;
  discoverSchema: (input: MaConnectionInput) => Promise<ActionResult<SchemaDiscoveryView>>;
  checkRules: (input: { rules: unknown }) => Promise<ActionResult<RuleProblemView[]>>;
  /** Next: the problems of the page's part of the draft. */
  checkPage: (input: MaPageCheckInput) => Promise<ActionResult<PageProblemView[]>>;
  /** "Save as draft" (new MAs only): the half-finished MA, secrets left out. */
  saveDraft?: (input: SaveMaDraftInput) => Promise<ActionResult<SavedMaDraftView>>;
  /** redirects to the MA's page when saved; returns only a refusal. */
  save: (input: MaDraftInput) => Promise<ActionResult<SavedMaView>>;
}
