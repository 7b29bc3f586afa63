// Password hashing for console users (bcrypt, cost 12 by default; tests may lower it).
import bcrypt from "bcryptjs";
import { AppError } from "../errors/app-error.ts";

const MIN_LENGTH = 8;

function cost(): number {
  const n = Number(process.env.IDSYNC_BCRYPT_COST);
  return Number.isInteger(n) && n >= 4 && n <= 15 ? n : 12;
}

export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_LENGTH) {
    throw new AppError("INVALID_INPUT", `a password needs at least ${MIN_LENGTH} characters`);
  }
  return bcrypt.hash(password, cost());
}

let dummyHash: Promise<string> | undefined;

/** True when `password` matches `hash`. Without a hash it still spends one bcrypt compare (no user-enumeration by timing). */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  if (!hash) {
    dummyHash ??= bcrypt.hash("idsync-no-such-user", cost());
    await bcrypt.compare(password, await dummyHash);
    return false;
  }
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}

export function passwordProblem(password: string): string | null {
  return password.length < MIN_LENGTH ? `a password needs at least ${MIN_LENGTH} characters` : null;
}
