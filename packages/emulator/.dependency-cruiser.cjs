/**
 * The emulator's layers, checked by `pnpm -F @accsyn/emulator lint:layers` and by test/layers.test.ts.
 * Arrows only point down: top (server, bin, seed, protocol, ui) <- handlers <- wire <- domain <- ground.
 */
const GROUND = "^src/(util|model|limits|context)\\.ts$|^src/(store|query)/";
const DOMAIN = "^src/(access|files|jobs|events)/";
const WIRE = "^src/wire/";
const HANDLERS = "^src/handlers/";
const TOP = "^src/(server|emulator|bin|seed|demo-files|listen-error|index|protocol|rate-limit|handle|request-trace)[.]ts$|^src/(ui|testing)/";

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "No import cycles, type-only ones included.", from: {}, to: { circular: true } },
    {
      name: "ground-points-down", severity: "error",
      comment: "The ground (store, query, model, limits, the request context) imports nothing above it. " +
        "Exception: the request context type names the domain's Access class (type-only, erased at run time).",
      from: { path: GROUND }, to: { path: [WIRE, HANDLERS, TOP] },
    },
    { name: "ground-below-domain", severity: "error", comment: "The ground imports no domain module.", from: { path: GROUND, pathNot: "^src/context\\.ts$" }, to: { path: DOMAIN } },
    {
      name: "context-type-only", severity: "error", comment: "context.ts may name domain types, never import domain code.",
      from: { path: "^src/context\\.ts$" }, to: { path: DOMAIN, dependencyTypesNot: ["type-only"] },
    },
    { name: "domain-points-down", severity: "error", comment: "The domain imports neither wire presenters, handlers nor the server.", from: { path: DOMAIN }, to: { path: [WIRE, HANDLERS, TOP] } },
    { name: "wire-points-down", severity: "error", comment: "Wire presenters import neither handlers nor the server.", from: { path: WIRE }, to: { path: [HANDLERS, TOP] } },
    { name: "handlers-point-down", severity: "error", comment: "Handlers do not import the server or process layer.", from: { path: HANDLERS }, to: { path: TOP } },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    includeOnly: "^src/",
  },
};
