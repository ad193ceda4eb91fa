// Type-checked (strict) as an ES module against the packed tarballs, once with module node16 and
// once with moduleResolution bundler: resolves the "import" conditions, i.e. dist/index.d.ts.
import { AccsynError, Session, type SessionOptions, type Transfer } from "@accsyn/api";
import { Session as CoreSession, AccsynValidationError, type CallOptions } from "@accsyn/core";
import { entities } from "@accsyn/entities";
import { files } from "@accsyn/files";
import { acl } from "@accsyn/acl";
import { settings } from "@accsyn/settings";

const options: SessionOptions = { workspace: "acme", username: "alice@acme.example", apiKey: "ak_example" };
const session = new Session(options);
const running: Transfer[] = await session.find("Transfer WHERE status=running", { limit: 10 });
// @ts-expect-error a transfer's status is a JobStatus, not a boolean
const wrong: boolean = running[0]!.status;
const call: CallOptions = { signal: AbortSignal.timeout(1000) };
const Composed = CoreSession.plugin(entities, files, acl, settings);
const composed = new Composed(options);
const found = await composed.find("user", call);
// @ts-expect-error an unknown method is a type error, not any
composed.noSuchMethod();
const isAccsynError: boolean = new AccsynValidationError("x") instanceof AccsynError;
export { wrong, found, isAccsynError };
