import type { WireShape } from "./types.js";

/**
 * A file of a collection as `file/add` answers it (reference doc/filesharing.rst, Add files to a collection):
 * `id` is a uuid (the id `delete_many("collection", …)` takes), plus `created` and the accsyn `path`.
 * Attributes beyond `id` are not documented; these are the ones the vectors show.
 */
export const fileWire: WireShape = {
  render: (_ctx, e) => ({ created: e.created, id: e.id, path: e.path }),
};
