// A throwaway self-signed certificate for the "wan" scenarios, generated at run time (never
// committed): the bench server serves it, the SDK is given it as its CA.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import selfsigned from "selfsigned";

/** Generates a certificate for localhost / 127.0.0.1 and writes `{cert, key}` as JSON to `dir`; resolves with its path and the PEMs. */
export async function throwawayCertificate(dir) {
  const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], {
    algorithm: "sha256",
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 86_400_000),
  });
  const file = join(dir, "tls.json");
  writeFileSync(file, JSON.stringify({ cert: pems.cert, key: pems.private }), { mode: 0o600 });
  return { file, cert: pems.cert };
}
