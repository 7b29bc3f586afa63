"use client";
// The live check of the whole rules object: validateRules on the server (checkRules action), 400 ms
// after the last change; an answer for older rules is dropped.
import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "../../../lib/dto/action-result.ts";
import type { RuleProblemView } from "../../../lib/dto/ma-designer.ts";
import type { MaRules } from "../../../lib/engine/rules.ts";

export type CheckRules = (input: { rules: unknown }) => Promise<ActionResult<RuleProblemView[]>>;

export interface RulesCheckState {
  problems: RuleProblemView[];
  checking: boolean;
  /** the check itself could not run (code: message). */
  failure: string | null;
}

export function useRulesCheck(rules: MaRules, check: CheckRules): RulesCheckState {
  const [state, setState] = useState<RulesCheckState>({ problems: [], checking: true, failure: null });
  const seq = useRef(0);
  const key = JSON.stringify(rules);
  useEffect(() => {
    const id = ++seq.current;
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(async () => {
      const result = await check({ rules: JSON.parse(key) as unknown });
      if (id !== seq.current) return;
      if (result.ok) setState({ problems: result.data, checking: false, failure: null });
      else setState({ problems: [], checking: false, failure: `${result.code}: ${result.message}` });
    }, 400);
    return () => clearTimeout(timer);
  }, [key, check]);
  return state;
}
