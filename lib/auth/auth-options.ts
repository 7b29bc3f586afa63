// next-auth 4 configuration: username + password against the User table, JWT sessions.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyCredentials } from "../services/users.ts";
import { isRole } from "./roles.ts";

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "IdSync",
      credentials: {
        username: { label: "Username", type: "text" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        const username = credentials?.username ?? "";
        const password = credentials?.password ?? "";
        if (!username || !password) return null;
        const user = await verifyCredentials(username, password);
        if (!user) return null;
        return { id: user.id, name: user.displayName, username: user.username, role: user.role };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.username = user.username;
        token.role = user.role;
      }
      return token;
    },
    async session({ session, token }) {
      if (session.user && typeof token.sub === "string" && isRole(token.role)) {
        session.user.id = token.sub;
        session.user.username = typeof token.username === "string" ? token.username : "";
        session.user.role = token.role;
      }
      return session;
    },
  },
};
