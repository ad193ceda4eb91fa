// ES module consumer of the packed tarballs; tests/packaging.test.ts runs it in a temporary project
// with ACCSYN_CONSUMER_OPTIONS pointing at a local test server.
import assert from "node:assert/strict";
import { AccsynError, AccsynValidationError, Session } from "@accsyn/api";
import { AccsynError as CoreAccsynError, Session as CoreSession, VERSION } from "@accsyn/core";
import { files } from "@accsyn/files";

const options = { ...JSON.parse(process.env.ACCSYN_CONSUMER_OPTIONS ?? "{}"), logger: { warn() {} } };
assert.equal(AccsynError, CoreAccsynError, "@accsyn/api re-exports the one @accsyn/core");
const session = new Session(options);
try {
  await assert.rejects(session.find(""), (error) => error instanceof AccsynValidationError);
  const users = await session.find("user WHERE code=alice@acme.example");
  const FileSession = CoreSession.plugin(files);
  const fileSession = new FileSession(options);
  assert.equal(typeof fileSession.ls, "function");
  assert.equal(fileSession.find, undefined);
  console.log(JSON.stringify({ format: "esm", version: VERSION, users }));
} finally {
  session.close();
}
