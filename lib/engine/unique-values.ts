// `$unique` in import flows: a candidate is taken when another mventry of the same object type holds
// it in the attribute the flow writes (case-insensitive, through the metaverse's value index), or
// when this synchronization handed it to another mventry already (values of a batch not yet written
// are not in the index). The mventry's own current value is never taken, so re-evaluating a flow
// keeps the value it gave (jsmith2 stays jsmith2 even once jsmith is free again).
import type { UniquenessChecker } from "./expressions.ts";
import type { SyncStore } from "./ports.ts";
import type { MvEntry } from "./types.ts";

export class UniqueValues {
  /** objectType, attribute and lower-cased value -> the mventry it was handed to in this run. */
  private readonly handedOut = new Map<string, string>();

  private key(objectType: string, attr: string, value: string): string {
    return `${objectType}\u0000${attr}\u0000${value.toLowerCase()}`;
  }

  /** The checker for one import flow writing `attr` of `mv`. */
  checker(store: SyncStore, mv: MvEntry, attr: string, isDeleted: (mvId: string) => boolean): UniquenessChecker {
    return {
      isTaken: async (value) => {
        const holder = this.handedOut.get(this.key(mv.objectType, attr, value));
        if (holder !== undefined) return holder !== mv.id;
        const lower = value.toLowerCase();
        if ((mv.attrs[attr] ?? []).some((v) => v.toLowerCase() === lower)) return false;
        const found = await store.mvFindByValues(mv.objectType, attr, [value], true);
        return found.some((f) => f.mvId !== mv.id && !isDeleted(f.mvId));
      },
    };
  }

  /** Records the values a flow gave `mv` (the next candidates of this run see them as taken). */
  handOut(mv: MvEntry, attr: string, values: string[]): void {
    for (const v of values) this.handedOut.set(this.key(mv.objectType, attr, v), mv.id);
  }
}
