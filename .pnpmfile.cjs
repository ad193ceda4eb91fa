// pnpm hooks. beforePacking: what `pnpm pack` / `pnpm publish` (and so `changeset publish`) put
// in each package's published package.json. devDependencies are for working in this repository
// only — some name private workspace packages (@accsyn/tsconfig, @accsyn/tsup-config) that are
// never published — so consumers do not see them.
module.exports = {
  hooks: {
    beforePacking(pkg) {
      delete pkg.devDependencies;
      return pkg;
    },
  },
};
