/**
 * Why a job or task failed, in the words of accsyn's documented error codes (accsyn docs, errors.md):
 * the reason the job log shows and the event stream carries.
 */

/** `E#J001 File or directory not found at server|client: <path>`. */
export function notFoundReason(path: string, atServer: boolean): string {
  return `E#J001 File or directory not found at ${atServer ? "server" : "client"}: ${path}`;
}

/** The reason of an error: its message when it already carries an accsyn code, else `E#J007 Failed, check logs for clues. <message>`. */
export function failureReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return /^E#[A-Z]\d{3} /.test(message) ? message : `E#J007 Failed, check logs for clues. ${message}`;
}
