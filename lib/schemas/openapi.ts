// The OpenAPI 3.1 document of the REST API (/api/v1), served at /api/v1/openapi.json.
// Kept beside the zod schemas the routes validate with; test/services/api-v1.test.ts checks that
// every route handler under app/api/v1 is described here.
import { RUN_STATUSES } from "../engine/types.ts";

const error = { $ref: "#/components/schemas/Error" };
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: ({ 400: "invalid input", 401: "no, unknown or revoked token", 403: "the token's role is not enough", 404: "not found", 409: "conflict (a run of this MA is in progress)" } as Record<number, string>)[c] ?? "error", content: { "application/json": { schema: error } } }]));

const systemResult = {
  type: "object",
  required: ["maId", "maName", "csId", "dn", "status", "message", "code", "mustChange"],
  properties: {
    maId: { type: "string" },
    maName: { type: "string" },
    csId: { type: "string" },
    dn: { type: "string" },
    status: { type: "string", enum: ["success", "failure", "not-applicable"] },
    message: { type: ["string", "null"], description: "the system's message on failure; why it does not apply otherwise" },
    code: { type: ["string", "null"] },
    mustChange: { type: "boolean" },
  },
};

export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "IdSync REST API",
    version: "1",
    description: "Scripts and other systems: set passwords, start run profiles, read run status and statistics, search the metaverse. Authenticate with an API token an administrator created in the console (API Tokens): `Authorization: Bearer idsync_...`.",
  },
  servers: [{ url: "/" }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "an IdSync API token; its role (admin or helpdesk) decides what it may do" } },
    schemas: {
      Error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" }, details: {} } },
      PasswordSystemResult: systemResult,
      PasswordResetResult: {
        type: "object",
        required: ["mvId", "results"],
        properties: {
          mvId: { type: "string" },
          results: { type: "array", items: { $ref: "#/components/schemas/PasswordSystemResult" } },
          generatedPassword: { type: "string", description: "only when generate was true; shown once" },
        },
      },
      RunStep: {
        type: "object",
        properties: {
          seq: { type: "integer" }, type: { type: "string" }, status: { type: "string" }, message: { type: ["string", "null"] },
          stats: { type: "object", additionalProperties: { type: "integer" }, description: "counters named as in MIM (adds, updates, projections, joins, ...)" },
          errorCount: { type: "integer" },
        },
      },
      Run: {
        type: "object",
        properties: {
          id: { type: "string" }, maName: { type: "string" }, profileName: { type: "string" },
          status: { type: "string", enum: RUN_STATUSES, description: "queued and in-progress while the run goes; stopped-user when an admin stopped it" },
          trigger: { type: "string" }, startedBy: { type: "string" }, message: { type: ["string", "null"] },
          queuedAt: { type: "string", format: "date-time" }, startedAt: { type: ["string", "null"] }, endedAt: { type: ["string", "null"] },
          stopRequestedAt: { type: ["string", "null"], description: "when an admin asked the run to stop (it stops after its current batch)" }, stopRequestedBy: { type: ["string", "null"] },
          steps: { type: "array", items: { $ref: "#/components/schemas/RunStep" } },
        },
      },
      MvSearchResult: {
        type: "object",
        properties: {
          hits: { type: "array", items: { type: "object", properties: { id: { type: "string" }, objectType: { type: "string" }, displayName: { type: "string" }, summary: { type: "object", additionalProperties: { type: "string" } }, updatedAt: { type: "string" } } } },
          truncated: { type: "boolean" },
        },
      },
      MvQueryPage: {
        type: "object",
        properties: {
          hits: { type: "array", items: { type: "object", properties: { id: { type: "string" }, objectType: { type: "string" }, displayName: { type: "string" }, values: { type: "object", additionalProperties: { type: "array", items: { type: "string" } }, description: "the values of the columns" }, updatedAt: { type: "string" } } } },
          columns: { type: "array", items: { type: "string" } },
          size: { type: "integer" },
          nextAfter: { type: ["string", "null"], description: "pass as after= for the next page; null on the last page" },
          previousBefore: { type: ["string", "null"], description: "pass as before= for the previous page; null on the first page" },
        },
      },
    },
  },
  paths: {
    "/api/v1/identities/{mvId}/password": {
      post: {
        summary: "Set a password in every connected system of the identity that manages passwords (helpdesk)",
        parameters: [{ name: "mvId", in: "path", required: true, schema: { type: "string" } }],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                properties: {
                  password: { type: "string", description: "the new password (must meet the password policy)" },
                  generate: { type: "boolean", description: "generate a password instead; it is returned once" },
                  onlyMaIds: { type: "array", items: { type: "string" }, description: "retry: only these MAs (the ones that failed)" },
                },
              },
            },
          },
        },
        responses: { "200": { description: "a result per system", content: { "application/json": { schema: { $ref: "#/components/schemas/PasswordResetResult" } } } }, ...errors(400, 401, 403, 404) },
      },
    },
    "/api/v1/runs": {
      post: {
        summary: "Start a run profile of a management agent (admin)",
        requestBody: { required: true, content: { "application/json": { schema: { type: "object", required: ["ma", "profile"], properties: { ma: { type: "string", description: "MA name or id" }, profile: { type: "string" } } } } } },
        responses: { "202": { description: "started (or queued)", content: { "application/json": { schema: { type: "object", properties: { runId: { type: "string" }, status: { type: "string", description: "URL of the run's status" } } } } } }, ...errors(400, 401, 403, 404, 409) },
      },
    },
    "/api/v1/runs/{runId}": {
      get: {
        summary: "A run's status, steps and statistics (helpdesk)",
        parameters: [{ name: "runId", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "the run", content: { "application/json": { schema: { type: "object", properties: { run: { $ref: "#/components/schemas/Run" } } } } } }, ...errors(401, 403, 404) },
      },
    },
    "/api/v1/runs/{runId}/stop": {
      post: {
        summary: "Ask a queued or running run to stop between batches (admin); the run ends as stopped-user",
        parameters: [{ name: "runId", in: "path", required: true, schema: { type: "string" } }],
        responses: {
          "202": { description: "stop requested (a queued run ends at once)", content: { "application/json": { schema: { type: "object", properties: { runId: { type: "string" }, status: { type: "string" }, stopRequestedAt: { type: "string", format: "date-time" }, stopRequestedBy: { type: "string" } } } } } },
          ...errors(401, 403, 404, 409),
        },
      },
    },
    "/api/v1/metaverse": {
      get: {
        summary: "Search mventries (helpdesk): by one attribute value, or with op= by clauses joined by and/or, one keyset page at a time",
        parameters: [
          { name: "type", in: "query", required: true, schema: { type: "string" }, description: "object type, e.g. person" },
          { name: "attr", in: "query", required: true, schema: { type: "array", items: { type: "string" } }, style: "form", explode: true, description: "with op=: one per clause" },
          { name: "value", in: "query", required: false, schema: { type: "array", items: { type: "string" } }, style: "form", explode: true, description: "one per clause (empty for present / notPresent)" },
          { name: "match", in: "query", required: false, schema: { type: "string", enum: ["equals", "prefix"], default: "equals" }, description: "the one-clause search" },
          { name: "op", in: "query", required: false, schema: { type: "array", items: { type: "string", enum: ["equals", "startsWith", "contains", "present", "notPresent"] } }, style: "form", explode: true, description: "one per clause; its presence selects the query builder (response MvQueryPage)" },
          { name: "join", in: "query", required: false, schema: { type: "string", enum: ["and", "or"], default: "and" } },
          { name: "col", in: "query", required: false, schema: { type: "array", items: { type: "string" } }, style: "form", explode: true, description: "attributes to return" },
          { name: "size", in: "query", required: false, schema: { type: "integer", minimum: 1, maximum: 200, default: 25 } },
          { name: "after", in: "query", required: false, schema: { type: "string" }, description: "nextAfter of the previous response" },
          { name: "before", in: "query", required: false, schema: { type: "string" }, description: "previousBefore of the previous response" },
        ],
        responses: {
          "200": {
            description: "without op: up to 100 hits (MvSearchResult); with op: one page (MvQueryPage)",
            content: { "application/json": { schema: { oneOf: [{ $ref: "#/components/schemas/MvSearchResult" }, { $ref: "#/components/schemas/MvQueryPage" }] } } },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    "/api/v1/openapi.json": { get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1" } } } },
  },
} as const;
