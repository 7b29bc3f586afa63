"use client";
// Attributes: the discovered schema of each object type with a live sample of values (the first
// objects a full import reads), and the settings that shape attributes (which to read, binary, references).
import { AttributeTables, DiscoverButton, type Discovering } from "./discovery-view.tsx";
import { SettingsFields, type SettingsProps } from "./settings-fields.tsx";

export function StepAttributes(props: SettingsProps & Discovering) {
  return (
    <div className="flex flex-col gap-3">
      <SettingsFields {...props} />
      <DiscoverButton {...props} />
      <AttributeTables result={props.discovery.result} />
    </div>
  );
}
