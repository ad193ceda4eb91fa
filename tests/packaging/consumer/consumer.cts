// Type-checked (strict, module node16) as CommonJS against the packed tarballs: resolves the
// "require" conditions, i.e. dist/index.d.cts of every package.
import { AccsynValidationError, Session, type SessionOptions, type User } from "@accsyn/api";
import { Session as CoreSession } from "@accsyn/core";
import { files } from "@accsyn/files";

export async function consume(options: SessionOptions): Promise<User[]> {
  const session = new Session(options);
  const users = await session.find("user WHERE code=alice@acme.example");
  const roles: User["role"][] = users.map((user) => user.role);
  // @ts-expect-error a user's role is a string union, not a number
  const wrong: number = users[0]!.role;
  // @ts-expect-error find needs a query string
  await session.find(42);
  const asCore: CoreSession = session;
  const fileSession = new (CoreSession.plugin(files))(options);
  // @ts-expect-error a files-only session has no find()
  void fileSession.find;
  void [roles, wrong, asCore, fileSession.ls, AccsynValidationError];
  return users;
}
