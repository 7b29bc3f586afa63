// Next 16 proxy (formerly middleware): anonymous users of console pages go to /signin; anonymous API
// calls get 401 JSON. Pages and handlers still call requireRole themselves: this is only the first gate.
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { AppError } from "./lib/errors/app-error.ts";
import { PUBLIC_PATHS, roleForPath } from "./lib/auth/console-routes.ts";
import { hasRole, isRole } from "./lib/auth/roles.ts";

function isPublic(pathname: string): boolean {
  if (pathname.startsWith("/api/auth/")) return true;
  // the REST API authenticates each request by its bearer token (lib/auth/api-route.ts)
  if (pathname.startsWith("/api/v1/")) return true;
  return PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

function jsonError(e: AppError): NextResponse {
  return NextResponse.json({ code: e.code, message: e.message }, { status: e.status });
}

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const { pathname, search } = req.nextUrl;
  if (isPublic(pathname)) return NextResponse.next();

  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  const isApi = pathname.startsWith("/api/");
  if (!token) {
    if (isApi) return jsonError(new AppError("UNAUTHENTICATED", "sign in first"));
    const url = new URL("/signin", req.url);
    if (pathname !== "/") url.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  if (!isApi) {
    const needed = roleForPath(pathname);
    const role = isRole(token.role) ? token.role : null;
    if (needed && !hasRole(role, needed)) return NextResponse.redirect(new URL("/forbidden", req.url));
  }
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:png|svg|ico|jpg|css|js|map|txt)$).*)"],
};
