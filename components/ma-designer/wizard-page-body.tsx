"use client";
// The body of the current wizard page: one component per page, fed from the wizard's state.
import type { ConnectionTestView, ConnectorTypeView, DesignerField, FileSampleView, MaDesignerState, SqlTableView } from "../../lib/dto/ma-designer.ts";
import type { MvObjectTypeView } from "../../lib/dto/metaverse.ts";
import type { MaDraftInput } from "../../lib/schemas/ma-designer.ts";
import { Notice } from "../ui/form.tsx";
import type { DesignerActions } from "./designer-actions.ts";
import type { Discovery, MissingSetting } from "./discovery-view.tsx";
import type { SettingsProps } from "./settings-fields.tsx";
import { StepAnchor } from "./step-anchor.tsx";
import { StepAttributes } from "./step-attributes.tsx";
import { StepConnection } from "./step-connection.tsx";
import { StepGeneral } from "./step-general.tsx";
import { StepObjectTypes } from "./step-object-types.tsx";
import { StepReview, type SaveRefusal } from "./step-review.tsx";
import { StepRunProfiles } from "./step-run-profiles.tsx";
import { StepScope } from "./step-scope.tsx";
import { RulesStep } from "./rules/rules-step.tsx";
import type { MaWizardPage } from "./wizard-pages.ts";
import type { WizardState } from "./wizard-state.ts";

export interface PageBodyProps {
  page: MaWizardPage;
  types: ConnectorTypeView[];
  type: ConnectorTypeView | undefined;
  fields: DesignerField[];
  state: WizardState;
  initial: MaDesignerState | null;
  model: MvObjectTypeView[];
  /** the server's (or the browser's) problems of this page, by field name or path. */
  errors: Record<string, string[]>;
  test: { pending: boolean; result: ConnectionTestView | null };
  namingContexts: string[] | undefined;
  /** SQL: the tables and views the connection test listed. */
  tables: SqlTableView[] | undefined;
  discovery: Discovery;
  missing: MissingSetting[];
  fileSample: { pending: boolean; result: FileSampleView | null } | null;
  draft: MaDraftInput;
  saving: boolean;
  refusal: SaveRefusal | null;
  actions: DesignerActions;
  onType: (type: string) => void;
  patch: (p: Partial<WizardState>) => void;
  onTest: () => void;
  onDiscover: () => void;
  onSave: () => void;
  onGoTo: (page: MaWizardPage) => void;
}

export function PageBody(props: PageBodyProps) {
  const { page, state, patch } = props;
  const settings = (p: MaWizardPage): SettingsProps => ({
    fields: props.fields.filter((f) => f.page === p),
    values: state.values,
    secretsSet: props.initial?.secretsSet ?? [],
    errors: props.errors,
    onChange: (name, v) => patch({ values: { ...state.values, [name]: v } }),
  });
  const discovering = { discovery: props.discovery, onDiscover: props.onDiscover, missing: props.missing, onGoTo: (p: string) => props.onGoTo(p as MaWizardPage) };
  if (page !== "create" && !props.type) return <Notice tone="error">Choose a connector type on the first page.</Notice>;
  switch (page) {
    case "create":
      return (
        <StepGeneral types={props.types} name={state.name} description={state.description} type={state.type} typeLocked={props.initial !== null} errors={props.errors}
          onChange={(p) => (p.type !== undefined ? props.onType(p.type) : patch(p))} />
      );
    case "connect":
      return <StepConnection {...settings("connect")} test={props.test} onTest={props.onTest} />;
    case "scope":
      return <StepScope {...settings("scope")} type={state.type} namingContexts={props.namingContexts} tables={props.tables} onChangeValues={(v) => patch({ values: { ...state.values, ...v } })} fileSample={props.fileSample} {...discovering} />;
    case "objectTypes":
      return <StepObjectTypes {...settings("objectTypes")} {...discovering} />;
    case "attributes":
      return <StepAttributes {...settings("attributes")} {...discovering} />;
    case "anchor":
      return <StepAnchor {...settings("anchor")} {...discovering} />;
    case "connectorFilter":
    case "joinProjection":
    case "attributeFlow":
    case "deprovisioning":
    case "provisioning":
      return (
        <RulesStep key={page} topic={page} rules={state.rules} onChange={(rules) => patch({ rules })} model={props.model} schema={props.discovery.result}
          maId={props.initial?.maId} maName={state.name} actions={props.actions} yaml={state.rulesYaml} onYamlChange={(rulesYaml) => patch({ rulesYaml })} />
      );
    case "runProfiles":
      return (
        <StepRunProfiles profiles={state.runProfiles} safety={state.safety} stagingMode={state.stagingMode}
          onProfiles={(runProfiles) => patch({ runProfiles })} onSafety={(safety) => patch({ safety })} onStaging={(stagingMode) => patch({ stagingMode })} />
      );
    case "summary":
      return (
        <StepReview draft={props.draft} type={props.type} secretsSet={props.initial?.secretsSet ?? []} pending={props.saving} refusal={props.refusal}
          editing={props.initial !== null} onSave={props.onSave} onGoTo={props.onGoTo} />
      );
  }
}
