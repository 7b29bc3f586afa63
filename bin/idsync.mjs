#!/usr/bin/env node
// The idsync CLI: TypeScript sources run through tsx (the generated Prisma client is ESM TypeScript).
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
