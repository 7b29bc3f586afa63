// The Metaverse Designer, Metaverse Search and the Joiner as the console shows them.
import type { AttrValues } from "../engine/types.ts";

export interface MvAttributeView {
  name: string;
  type: string;
  multiValued: boolean;
  indexed: boolean;
  precedence: string;
}

export interface MvObjectTypeView {
  name: string;
  description: string;
  attributes: MvAttributeView[];
  objectCount: number;
}

export interface MvSearchHit {
  id: string;
  objectType: string;
  displayName: string;
  /** a few identifying attributes for the result list */
  summary: Record<string, string>;
  updatedAt: string;
}

export interface MvSearchResult {
  hits: MvSearchHit[];
  /** true when more matched than were returned */
  truncated: boolean;
}

/** One mventry of a query builder page, with the values of the chosen columns. */
export interface MvQueryHit {
  id: string;
  objectType: string;
  displayName: string;
  /** attribute -> values, for the chosen columns only */
  values: Record<string, string[]>;
  updatedAt: string;
}

/** One keyset page of a Metaverse Search query (ordered by mventry id). */
export interface MvQueryPage {
  hits: MvQueryHit[];
  /** the columns shown: the chosen ones, or a default set when none were chosen */
  columns: string[];
  size: number;
  /** cursor of the next page (after=), null on the last page */
  nextAfter: string | null;
  /** cursor of the previous page (before=), null on the first page */
  previousBefore: string | null;
}

export interface ConnectorView {
  csId: string;
  maId: string;
  maName: string;
  dn: string;
  anchor: string | null;
  objectType: string;
  state: string;
  linkType: string | null;
  linkedAt: string | null;
}

export interface MvEntryDetail {
  id: string;
  objectType: string;
  attrs: AttrValues;
  lineage: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  connectors: ConnectorView[];
}

export interface DisconnectorView {
  id: string;
  dn: string;
  anchor: string | null;
  objectType: string;
  state: string;
  updatedAt: string;
}

export interface DisconnectorGroup {
  maId: string;
  maName: string;
  total: number;
  items: DisconnectorView[];
}

/** Who last wrote an mventry attribute (MvObject.lineage resolved for display). */
export interface LineageView {
  attr: string;
  maId: string | null;
  maName: string | null;
  runId: string | null;
  rule: string | null;
  at: string | null;
}

/** One change of an mventry attribute (MvHistory). */
export interface MvHistoryView {
  id: number;
  attr: string;
  oldValue: string[];
  newValue: string[];
  maId: string | null;
  maName: string | null;
  runId: string | null;
  rule: string | null;
  at: string;
}

/** The result of a Joiner action. */
export interface JoinerResult {
  csId: string;
  maId: string;
  state: string;
  mvId: string | null;
}
