// The server actions the wizard calls, passed in by the page (components never import app code).
import type { ActionResult } from "../../lib/dto/action-result.ts";
import type { ConnectionTestView, RuleProblemView, SavedMaView, SchemaDiscoveryView } from "../../lib/dto/ma-designer.ts";
import type { MaConnectionInput, MaDraftInput } from "../../lib/schemas/ma-designer.ts";

export interface DesignerActions {
  testConnection: (input: MaConnectionInput) => Promise<ActionResult<ConnectionTestView>>;
  discoverSchema: (input: MaConnectionInput) => Promise<ActionResult<SchemaDiscoveryView>>;
  checkRules: (input: { rules: unknown }) => Promise<ActionResult<RuleProblemView[]>>;
  /** redirects to the MA's page when saved; returns only a refusal. */
  save: (input: MaDraftInput) => Promise<ActionResult<SavedMaView>>;
}
