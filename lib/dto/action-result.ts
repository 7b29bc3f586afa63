// What every server action returns to the browser: data, or a code and a message fit to show.

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: string; message: string; fieldErrors: Record<string, string[]> };

export type ActionState<T> = ActionResult<T> | null;
