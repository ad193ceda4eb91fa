// CommonJS consumer of the packed tarballs; tests/packaging.test.ts runs it in a temporary project
// with ACCSYN_CONSUMER_OPTIONS pointing at a local test server. got is ESM-only: this require() chain
// loads it through Node's require(esm) (Node >= 20.19).
/* eslint-disable @typescript-eslint/no-require-imports -- require() is exactly what this consumer tests */
const assert = require("node:assert/strict");
const api = require("@accsyn/api");
const core = require("@accsyn/core");
const { files } = require("@accsyn/files");

async function main() {
  const options = { ...JSON.parse(process.env.ACCSYN_CONSUMER_OPTIONS ?? "{}"), logger: { warn() {} } };
  assert.equal(api.AccsynError, core.AccsynError, "@accsyn/api re-exports the one @accsyn/core");
  const session = new api.Session(options);
  try {
    await assert.rejects(session.find(""), (error) => error instanceof core.AccsynValidationError);
    const users = await session.find("user WHERE code=alice@acme.example");
    const FileSession = core.Session.plugin(files);
    const fileSession = new FileSession(options);
    assert.equal(typeof fileSession.ls, "function");
    assert.equal(fileSession.find, undefined);
    console.log(JSON.stringify({ format: "cjs", version: core.VERSION, users }));
  } finally {
    session.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
