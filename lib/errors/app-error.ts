// One error type with a code the UI can show, and one code -> HTTP status map (never two that drift).

export const ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_INPUT: 400,
  INVALID_EXPRESSION: 400,
  CONFLICT: 409,
  RUN_IN_PROGRESS: 409,
  CONFIG_INVALID: 400,
  DATABASE_URL_INVALID: 500,
  DATABASE_UNREACHABLE: 503,
  MIGRATION_FAILED: 500,
  SECRET_MISSING: 500,
  CONNECTIVITY: 502,
  PASSWORD_POLICY: 400,
  VERIFICATION_FAILED: 400,
  TOO_MANY_ATTEMPTS: 429,
  INTERNAL: 500,
} as const;

export type AppErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details?: unknown;
  constructor(code: AppErrorCode, message: string, options?: { details?: unknown; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options?.details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
