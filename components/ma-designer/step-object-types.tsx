"use client";
// Object types: which objects of the system this MA manages and what type each becomes.
import { DiscoverButton, ObjectTypeList, type Discovering } from "./discovery-view.tsx";
import { SettingsFields, type SettingsProps } from "./settings-fields.tsx";

export function StepObjectTypes(props: SettingsProps & Discovering) {
  return (
    <div className="flex flex-col gap-3">
      <SettingsFields {...props} />
      <DiscoverButton {...props} />
      <ObjectTypeList result={props.discovery.result} />
    </div>
  );
}
