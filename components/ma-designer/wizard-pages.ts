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
