import { join } from "node:path";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { connectorTypes, getConnectorType, registryConnectorFactory } from "../../lib/connectors/registry.ts";
import { ConnectivityError } from "../../lib/engine/connector.ts";
import type { MaDefinition } from "../../lib/engine/ports.ts";

function ma(type: string, config: unknown): MaDefinition {
  return { id: "ma1", name: "HR feed", type, config, rules: {}, stagingMode: false, watermark: null, safety: {} };
}

describe("connector registry", () => {
  it("registers every type under its own key", () => {
    for (const [key, type] of Object.entries(connectorTypes)) expect(type.type).toBe(key);
    expect(getConnectorType("csv")).toBe(connectorTypes.csv);
  });

  it("throws a clear error for an unknown type", () => {
    expect(() => getConnectorType("no-such-type")).toThrow(/unknown connector type "no-such-type" \(known: csv, /);
    expect(() => getConnectorType("toString")).toThrow(ConnectivityError);
  });

  it("opens a connector for an MA with a valid config", async () => {
    const connector = registryConnectorFactory.open(ma("csv", { path: join(tmpdir(), "idsync-registry-none.csv"), anchor: "id" }));
    await expect(connector.testConnection()).resolves.toBeUndefined();
    await connector.close();
  });

  it("names the MA and the bad fields of an invalid config", () => {
    let error: unknown;
    try {
      registryConnectorFactory.open(ma("csv", { anchor: "", encoding: "ebcdic" }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConnectivityError);
    expect((error as ConnectivityError).code).toBe("invalid-config");
    const message = (error as Error).message;
    expect(message).toMatch(/^MA "HR feed" \(csv\): invalid config: /);
    expect(message).toMatch(/path: /);
    expect(message).toMatch(/anchor: /);
    expect(message).toMatch(/encoding: /);
  });

  it("names the MA when its type is unknown", () => {
    expect(() => registryConnectorFactory.open(ma("x500", {}))).toThrow(/^MA "HR feed": unknown connector type "x500"/);
  });

  it("refuses unknown config keys (a typo must not be ignored)", () => {
    expect(() => registryConnectorFactory.open(ma("csv", { path: "/tmp/x.csv", anchor: "id", delimitter: ";" }))).toThrow(/delimitter/);
  });
});
