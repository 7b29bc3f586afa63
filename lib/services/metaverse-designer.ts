// Metaverse Designer use cases: list the model; add an object type or an attribute (admin, audited).
import { assertRole } from "../auth/assert-role.ts";
import type { SessionUser } from "../auth/roles.ts";
import type { MvObjectTypeView } from "../dto/metaverse.ts";
import { AppError } from "../errors/app-error.ts";
import type { AttributeInput, ObjectTypeInput } from "../schemas/metaverse.ts";
import { recordAudit } from "./audit.ts";
import {
  attributeExists,
  insertAttribute,
  insertObjectType,
  objectTypeExists,
  selectObjectTypes,
} from "../store/metaverse-queries.ts";

/** The model; helpdesk reads it too (Metaverse Search needs the object types and attributes). */
export async function listMetaverseModel(actor: SessionUser): Promise<MvObjectTypeView[]> {
  assertRole(actor, "helpdesk");
  return selectObjectTypes();
}

export async function addObjectType(actor: SessionUser, input: ObjectTypeInput): Promise<{ name: string }> {
  assertRole(actor, "admin");
  if (await objectTypeExists(input.name)) {
    throw new AppError("CONFLICT", `object type "${input.name}" already exists`, { details: { fieldErrors: { name: ["already exists"] } } });
  }
  await insertObjectType({ name: input.name, description: input.description });
  await recordAudit(actor.username, "mv.object-type.create", input.name, { description: input.description });
  return { name: input.name };
}

export async function addAttribute(actor: SessionUser, input: AttributeInput): Promise<{ objectType: string; name: string }> {
  assertRole(actor, "admin");
  if (!(await objectTypeExists(input.objectType))) {
    throw new AppError("NOT_FOUND", `object type "${input.objectType}" does not exist`, {
      details: { fieldErrors: { objectType: ["does not exist"] } },
    });
  }
  if (await attributeExists(input.objectType, input.name)) {
    throw new AppError("CONFLICT", `attribute "${input.name}" already exists on ${input.objectType}`, {
      details: { fieldErrors: { name: ["already exists"] } },
    });
  }
  await insertAttribute(input);
  await recordAudit(actor.username, "mv.attribute.create", `${input.objectType}.${input.name}`, {
    type: input.type, multiValued: input.multiValued, indexed: input.indexed, precedence: input.precedence,
  });
  return { objectType: input.objectType, name: input.name };
}
