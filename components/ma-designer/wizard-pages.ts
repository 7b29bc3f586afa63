// The MA Designer's pages in order, after MIM's Management Agent Designer. The third page's title
// follows the connector type: what "where the objects are" means for a directory, a file, a table.
import { MA_WIZARD_PAGES, type MaWizardPage } from "../../lib/schemas/ma-designer-pages.ts";

export { MA_WIZARD_PAGES, type MaWizardPage };

const FILE_TYPES = new Set(["csv", "avp", "delimited", "dsml", "fixed-width", "ldif"]);

export const isFileType = (type: string) => FILE_TYPES.has(type);

export function scopeTitle(type: string): string {
  if (type === "ldap") return "Partitions and containers";
  if (type === "sql") return "Table or view";
  if (FILE_TYPES.has(type)) return "File format";
  return "Scope";
}

const TITLES: Record<MaWizardPage, string> = {
  create: "Create management agent",
  connect: "Connect",
  scope: "Scope",
  objectTypes: "Object types",
  attributes: "Attributes",
  anchor: "Anchor",
  connectorFilter: "Connector filter",
  joinProjection: "Join and projection rules",
  attributeFlow: "Attribute flow",
  deprovisioning: "Deprovisioning",
  provisioning: "Provisioning rules",
  runProfiles: "Run profiles",
  summary: "Summary",
};

export function pageTitle(page: MaWizardPage, type: string): string {
  return page === "scope" ? scopeTitle(type) : TITLES[page];
}

export const pageIndex = (page: MaWizardPage) => MA_WIZARD_PAGES.indexOf(page);

/** What each rules page is about (the shared rules text holds every section until the structured forms land). */
export const RULE_PAGE_NOTE: Partial<Record<MaWizardPage, string>> = {
  connectorFilter: "This page is about connectorFilters: conditions that keep connector space objects out of synchronization.",
  joinProjection: "This page is about joinProjection: how a connector space object finds its metaverse object (join) or creates one (project).",
  attributeFlow: "This page is about importFlows and exportFlows, per object type; precedence orders import flows to the same metaverse attribute across MAs.",
  provisioning: "This page is about provisioning: rules that create objects in this connected system from metaverse objects.",
};
