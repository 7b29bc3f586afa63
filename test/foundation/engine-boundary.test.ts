// lib/engine is pure TypeScript: it defines ports (lib/engine/ports.ts) and imports none of the code
// that implements them, nor any framework. This walks every file and lists each offending import.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = process.cwd();
const ENGINE = path.join(ROOT, "lib/engine");
const FORBIDDEN_PACKAGES = [/^next($|\/)/, /^react($|\/|-dom)/, /^@prisma\//, /^prisma($|\/)/, /(^|\/)generated\//];
const FORBIDDEN_DIRS = ["lib/store", "lib/connectors", "lib/services", "app"];

// import x from "m" / import type {x} from "m" / export * from "m" / import "m" / import("m") / require("m")
const IMPORT_RE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(["'])([^"'\n]+)\1/g;

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return walk(p);
    return /\.(ts|tsx|mts|cts)$/.test(d.name) ? [p] : [];
  });
}

/** The forbidden imports of one engine source file, as "file:line: specifier (reason)". */
export function boundaryViolations(file: string, source: string): string[] {
  const out: string[] = [];
  const code = source.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/(^|[^:])\/\/.*$/gm, "$1");
  for (const m of code.matchAll(IMPORT_RE)) {
    const spec = m[2];
    const line = code.slice(0, m.index).split("\n").length;
    const where = `${path.relative(ROOT, file)}:${line}: "${spec}"`;
    if (FORBIDDEN_PACKAGES.some((re) => re.test(spec))) {
      out.push(`${where} (framework or Prisma import)`);
      continue;
    }
    let target: string | null = null;
    if (spec.startsWith(".")) target = path.relative(ROOT, path.resolve(path.dirname(file), spec));
    else if (spec.startsWith("@/")) target = spec.slice(2);
    if (target !== null) {
      const t = target.split(path.sep).join("/");
      const dir = FORBIDDEN_DIRS.find((d) => t === d || t.startsWith(`${d}/`));
      if (dir) out.push(`${where} (reaches into ${dir})`);
    }
  }
  return out;
}

describe("engine boundary", () => {
  it("lib/engine imports no framework, no Prisma, and nothing from store, connectors, services or app", () => {
    const files = walk(ENGINE);
    expect(files.length).toBeGreaterThan(0);
    const violations = files.flatMap((f) => boundaryViolations(f, fs.readFileSync(f, "utf8")));
    expect(violations, `lib/engine must depend only on itself (use the ports in lib/engine/ports.ts):\n${violations.join("\n")}`).toEqual([]);
  });

  it("the checker catches each kind of forbidden import", () => {
    const file = path.join(ENGINE, "sub/x.ts");
    const src = [
      'import { redirect } from "next/navigation";',
      'import React from "react";',
      'import type { PrismaClient } from "@prisma/client";',
      'import { x } from "../../../generated/sqlite/client.ts";',
      "import {",
      "  SyncStoreImpl,",
      '} from "../../store/sync-store.ts";',
      'export * from "../../connectors/registry.ts";',
      'const s = await import("@/lib/services/users.ts");',
      'import "../../../app/page.tsx";',
      'import type { SyncStore } from "../ports.ts";',
      '// import { no } from "next";',
      'import { ok } from "./local.ts";',
    ].join("\n");
    const v = boundaryViolations(file, src);
    expect(v).toHaveLength(8);
    expect(v[4]).toMatch(/x\.ts:7: "..\/..\/store\/sync-store.ts" \(reaches into lib\/store\)/);
    expect(v.join("\n")).not.toMatch(/ports\.ts|local\.ts/);
  });
});
