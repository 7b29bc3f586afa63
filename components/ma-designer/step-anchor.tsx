"use client";
// Anchor: the immutable identifier of each object (and the DN built from it), checked against the
// first objects a full import reads.
import { DiscoverButton, ObjectTypeList, PreviewTable, type Discovering } from "./discovery-view.tsx";
import { SettingsFields, type SettingsProps } from "./settings-fields.tsx";

export function StepAnchor(props: SettingsProps & Discovering) {
  return (
    <div className="flex flex-col gap-3">
      <SettingsFields {...props} />
      <DiscoverButton {...props} />
      <ObjectTypeList result={props.discovery.result} />
      <PreviewTable result={props.discovery.result} title="Anchors and DNs of the first objects" />
    </div>
  );
}
