// Writes DSML v2: a searchResponse inside a batchResponse for the entries file, a batchRequest
// (addRequest, modifyRequest, delRequest, modDNRequest) for the change file. Binary values, and text
// that XML 1.0 cannot carry (control characters), are written xsi:type="xsd:base64Binary".

import type { AttrValues } from "../../engine/types.ts";
import type { ChangeRecord, DirEntry, EntryMapping } from "../ldif/entry-mapping.ts";

const NAMESPACES = `xmlns="urn:oasis:names:tc:DSML:2:0:core" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`;
/** Characters XML 1.0 cannot hold, even escaped (plus lone surrogates). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Escapes text for an attribute value or element content (CR and tabs kept as references so they survive). */
export function xmlEscape(text: string): string {
  return text.replace(/[&<>"\r\t\n]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : `&#${c.charCodeAt(0)};`));
}

function valueXml(value: string, binary: boolean): string {
  if (binary) return `<value xsi:type="xsd:base64Binary">${value}</value>`;
  if (NOT_XML.test(value)) return `<value xsi:type="xsd:base64Binary">${Buffer.from(value, "utf8").toString("base64")}</value>`;
  return `<value>${xmlEscape(value)}</value>`;
}

function attrsXml(attrs: AttrValues, mapping: EntryMapping, indent: string): string {
  let out = "";
  for (const [name, values] of Object.entries(attrs)) {
    if (!values.length) continue;
    const binary = mapping.isBinary(name);
    out += `${indent}<attr name="${xmlEscape(name)}">${values.map((v) => valueXml(v, binary)).join("")}</attr>\n`;
  }
  return out;
}

/** The entries file's opening: a batchResponse holding one searchResponse. */
export const DSML_RESPONSE_HEADER = `<?xml version="1.0" encoding="UTF-8"?>\n<batchResponse ${NAMESPACES}>\n<searchResponse>\n`;
/** Its closing, with a successful searchResultDone. */
export const DSML_RESPONSE_FOOTER = `<searchResultDone><resultCode code="0"/></searchResultDone>\n</searchResponse>\n</batchResponse>\n`;
/** The change file's opening. */
export const DSML_REQUEST_HEADER = `<?xml version="1.0" encoding="UTF-8"?>\n<batchRequest ${NAMESPACES} onError="resume">\n`;
export const DSML_REQUEST_FOOTER = `</batchRequest>\n`;

/** One searchResultEntry. */
export function dsmlEntry(entry: DirEntry, mapping: EntryMapping): string {
  return `<searchResultEntry dn="${xmlEscape(entry.dn)}">\n${attrsXml(entry.attrs, mapping, "  ")}</searchResultEntry>\n`;
}

/** One request of a batchRequest. */
export function dsmlRequest(change: ChangeRecord, mapping: EntryMapping): string {
  const dn = xmlEscape(change.dn);
  switch (change.kind) {
    case "add":
      return `<addRequest dn="${dn}">\n${attrsXml(change.attrs, mapping, "  ")}</addRequest>\n`;
    case "delete":
      return `<delRequest dn="${dn}"/>\n`;
    case "modify": {
      const mods = change.mods.map((m) => {
        const binary = mapping.isBinary(m.attr);
        return `  <modification name="${xmlEscape(m.attr)}" operation="${m.op}">${m.values.map((v) => valueXml(v, binary)).join("")}</modification>\n`;
      });
      return `<modifyRequest dn="${dn}">\n${mods.join("")}</modifyRequest>\n`;
    }
    case "moddn": {
      const sup = change.newSuperior !== undefined ? ` newSuperior="${xmlEscape(change.newSuperior)}"` : "";
      return `<modDNRequest dn="${dn}" newrdn="${xmlEscape(change.newRdn)}" deleteoldrdn="${change.deleteOldRdn}"${sup}/>\n`;
    }
  }
}
