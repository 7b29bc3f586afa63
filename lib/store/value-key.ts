// The lookup key of an attribute value: case-insensitive and bounded, so the (attr, valueKey)
// index stays small and a join on mail or employeeID is one index probe.
export const VALUE_KEY_MAX = 256;

export function valueKey(value: string): string {
  return value.trim().toLowerCase().slice(0, VALUE_KEY_MAX);
}
