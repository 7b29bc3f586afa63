// What the MA Designer's rule pages show besides the rules themselves: the import precedence of an
// mventry attribute across MAs, and the value of one rule expression on a sample object.

/** One MA's import flow into an mventry attribute, as ranked by the sync engine. */
export interface PrecedenceContributorView {
  /** null for the MA being designed before it is first saved. */
  maId: string | null;
  maName: string;
  /** true for the flows of the MA open in the wizard (its unsaved rules, not the stored ones). */
  thisMa: boolean;
  /** the csentry object type the flow reads. */
  objectType: string;
  kind: "direct" | "expression";
  /** the csentry attribute (direct) or the expression. */
  source: string;
  /** ranked precedence: lower wins (100 when the rule leaves it out). */
  precedence: number;
  /** 1-based place in the engine's order (precedence, then MA name). */
  rank: number;
}

/** Every MA's import flows into one mventry attribute, best first. */
export interface AttributePrecedenceView {
  mvObjectType: string;
  mv: string;
  /** the attribute's precedence mode in the metaverse model: ranked, equal (last writer wins) or manual; null when the model lacks it. */
  mode: string | null;
  contributors: PrecedenceContributorView[];
  /** this MA's best rank (1 = it wins when it has a value). */
  rank: number;
  /** another MA has the same precedence number (the engine then orders by MA name). */
  tied: boolean;
}

/** The sample object an expression was evaluated on. */
export interface ExpressionSampleView {
  kind: "csentry" | "mventry";
  /** where the sample came from: the connection preview, the stored connector space or the metaverse. */
  from: "connection-preview" | "connector-space" | "metaverse";
  objectType: string;
  /** the DN of a csentry, the display name of an mventry. */
  label: string;
}

export type ExpressionPreviewView =
  | { ok: true; sample: ExpressionSampleView; values: string[]; condition?: boolean }
  | { ok: false; code: "invalid-expression" | "expression-failed"; message: string; position?: number; sample?: ExpressionSampleView }
  | { ok: false; code: "no-sample"; message: string };
