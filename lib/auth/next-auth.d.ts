// What IdSync adds to next-auth's user, session and token.
import type { DefaultSession } from "next-auth";
import type { Role } from "./roles.ts";

declare module "next-auth" {
  interface User {
    username: string;
    role: Role;
  }
  interface Session {
    user: DefaultSession["user"] & { id: string; username: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    username?: string;
    role?: string;
  }
}
