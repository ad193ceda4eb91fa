import { resolveType, type TypeRef } from "../model.js";
import { ApiError, fail } from "../util.js";
import { type Ctx, dataObject, eventId, visibleEntity } from "../context.js";
import { create, edit, remove, setActive } from "./crud.js";
import { fileOp } from "./files.js";
import { prepublish } from "./prepublish.js";
import { find, metrics, report } from "./find.js";
import { attributes, entityTypes, integration, logs, setting } from "./meta.js";
import { addRecipient, listRecipients, removeRecipient } from "./recipients.js";
import { removeFiles, servers } from "./shares.js";
import { apiKey } from "./users.js";

export type { Ctx, EmulatorState, LogLine } from "../context.js";

/** HTTP methods of each `<type>/<operation>` (a Map: an operation named `constructor` is just unknown). */
const METHODS = new Map<string, string[]>([
  ["find", ["GET"]], ["report", ["GET"]], ["metrics", ["GET"]], ["create", ["POST"]], ["add", ["POST"]], ["edit", ["PUT"]],
  ["delete", ["DELETE"]], ["deactivate", ["DELETE"]], ["activate", ["POST", "PUT"]],
]);

function typeRef(name: string): TypeRef {
  return resolveType(name) ?? fail.notFound(`Unknown entity type '${name}'`);
}

function expect(ctx: Ctx, methods: string[], uri: string): void {
  if (!methods.includes(ctx.method)) throw new ApiError(405, `'${uri}' expects ${methods.join(" or ")}, not ${ctx.method}`);
}

/** Answers one event: the body to send (an object with `result` or another documented key). */
export function route(ctx: Ctx): unknown {
  const uri = ctx.event.uri.replace(/^\/+|\/+$/g, "");
  const parts = uri.toLowerCase().split("/");
  const [head = "", op = "", third] = parts;
  switch (uri.toLowerCase()) {
    case "entitytypes": return entityTypes(ctx);
    case "attributes": return attributes(ctx);
    case "setting": case "settings": return setting(ctx);
    case "logs": return logs(ctx);
    case "user/api_key": return apiKey(ctx);
    case "job/recipient/add": expect(ctx, ["PUT", "POST"], uri); return { result: addRecipient(ctx) };
    case "job/recipients": expect(ctx, ["GET"], uri); return { result: listRecipients(ctx) };
    case "job/recipient": expect(ctx, ["DELETE"], uri); return { result: removeRecipient(ctx) };
    case "collection/file/remove": {
      expect(ctx, ["DELETE"], uri);
      const coll = visibleEntity(ctx, ["collection"], eventId(ctx, "collection id"), "Collection");
      if (!ctx.access.canWrite("collection", coll.entity)) fail.forbidden();
      const files = dataObject(ctx).files;
      if (!Array.isArray(files)) return fail.bad("'files' must be a list");
      return { result: ctx.store.transaction(() => removeFiles(ctx, coll.entity, files)) };
    }
    case "workspace/file": return fileOp(ctx);
    case "workspace/publish/preprocess": return prepublish(ctx);
  }
  if (head === "workspace" && op === "integration" && parts.length === 4 && parts[3] === "utility") return integration(ctx, third ?? "");
  if (parts.length === 2 && (op === "server" || op === "servers")) {
    typeRef(head);
    if (head === "share" && op === "server") { expect(ctx, ["PUT", "POST"], uri); return { result: servers(ctx, "assign", dataObject(ctx)) }; }
    if (op === "servers") { expect(ctx, ["GET"], uri); return { result: servers(ctx, "list", dataObject(ctx)) }; }
    expect(ctx, ["DELETE"], uri);
    return { result: servers(ctx, "deassign", dataObject(ctx)) };
  }
  if (parts.length !== 2) return fail.notFound(`Unknown uri '${uri}'`);
  const methods = METHODS.get(op);
  if (!methods) return fail.notFound(`Unknown operation '${op}' in uri '${uri}'`);
  const ref = typeRef(head);
  expect(ctx, methods, uri);
  switch (op) {
    case "find": return find(ctx, ref);
    case "report": return report(ctx, ref);
    case "metrics": return metrics(ctx, ref);
    case "create": case "add": return create(ctx, ref);
    case "edit": return edit(ctx, ref);
    case "delete": return remove(ctx, ref);
    case "deactivate": return setActive(ctx, ref, false);
    default: return setActive(ctx, ref, true);
  }
}
