// Client-safe input schemas of password management (console forms, self-service page and REST API share them).
import { z } from "zod";
import { ROLES } from "../auth/roles.ts";

const checkbox = (dflt: boolean) =>
  z.preprocess((v) => (v === undefined || v === null || v === "" ? dflt : v === true || v === "on" || v === "true"), z.boolean());

const maIdList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v),
  z.array(z.string().trim().min(1)).max(100),
);

/** Help desk or API: set a typed password, or generate one; `onlyMaIds` retries the systems that failed. */
export const passwordResetInputSchema = z
  .object({
    mvId: z.string().trim().min(1, "choose the identity"),
    generate: checkbox(false),
    password: z.string().max(1024, "a password is at most 1024 characters").optional(),
    onlyMaIds: maIdList.optional(),
  })
  .refine((v) => v.generate || (v.password ?? "").length > 0, { path: ["password"], message: "type a password or choose to generate one" });
export type PasswordResetInput = z.infer<typeof passwordResetInputSchema>;

export const passwordSettingsInputSchema = z.object({
  maId: z.string().trim().min(1),
  enabled: checkbox(false),
  mustChangeAtNextLogon: checkbox(false),
});

export const apiTokenInputSchema = z.object({
  name: z.string().trim().min(1, "name the token (what script or system uses it)").max(100, "a token name is at most 100 characters"),
  role: z.enum(ROLES, { error: `role is one of ${ROLES.join(", ")}` }),
});

export const apiTokenIdSchema = z.object({ id: z.string().trim().min(1) });

export const accountNameSchema = z.string().trim().min(1, "enter your account name").max(256, "an account name is at most 256 characters");

export const selfServiceStartSchema = z.object({ account: accountNameSchema });

export const verifyAnswersSchema = z.object({
  account: accountNameSchema,
  answers: z.record(z.string(), z.string().max(256)),
});

export const verifyCodeSchema = z.object({
  account: accountNameSchema,
  code: z.string().trim().regex(/^\d{8}$/, "the code has 8 digits"),
});

export const newPasswordSchema = z
  .object({
    grant: z.string().trim().min(20, "start again: the form is incomplete"),
    password: z.string().min(1, "enter the new password").max(1024),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "the two passwords differ" });

export const registerBindSchema = z.object({
  account: accountNameSchema,
  maId: z.string().trim().min(1, "choose the directory"),
  password: z.string().min(1, "enter your current password").max(1024),
});

export const registerAnswersSchema = z.object({
  grant: z.string().trim().min(20, "start again: the form is incomplete"),
  answers: z.record(z.string(), z.string().trim().min(2, "answer every question (2 characters at least)").max(256)),
});

export const runStartSchema = z.object({
  ma: z.string().trim().min(1, "ma is required (the MA's name or id)"),
  profile: z.string().trim().min(1, "profile is required (a run profile of that MA)"),
});
