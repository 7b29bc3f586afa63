// JSON columns are TEXT: parse them defensively so one bad row cannot break a console page.

export function parseJsonObject<T extends object = Record<string, unknown>>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as T) : fallback;
  } catch {
    return fallback;
  }
}

export function parseJsonArray<T = unknown>(text: string | null | undefined): T[] {
  if (!text) return [];
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as T[]) : [];
  } catch {
    return [];
  }
}

export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}
