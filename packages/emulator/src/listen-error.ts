/**
 * Why the emulator could not listen, in words: the one explanation that `accsyn-emulator`,
 * `pnpm emulator` and the CLI's `accsyn emulator` all print.
 */

/** An error from `server.listen`, turned into one that says what to do (its `code` is kept). */
export function listenError(error: NodeJS.ErrnoException, host: string, port: number): NodeJS.ErrnoException {
  const where = `Port ${port} on ${host}`;
  const message =
    error.code === "EADDRINUSE" ? `${where} is already in use: stop what listens there, or pass --port 0 for a free port.`
    : error.code === "EACCES" ? `${where} needs privileges this user lacks: use a port above 1023, or --port 0 for a free one.`
    : error.code === "EADDRNOTAVAIL" ? `${host} is not an address of this machine: use --host 127.0.0.1 (or another local address).`
    : undefined;
  if (message === undefined) return error;
  return Object.assign(new Error(message, { cause: error }), { code: error.code, syscall: error.syscall });
}
