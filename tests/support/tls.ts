/** A self-signed certificate for 127.0.0.1/localhost, made once per test process. */
import selfsigned from "selfsigned";

let cached: Promise<{ key: string; cert: string }> | undefined;

/** Returns `{ key, cert }` PEM strings; `cert` also serves as the CA to trust. */
export function testCertificate(): Promise<{ key: string; cert: string }> {
  cached ??= (async () => {
    const pems = await selfsigned.generate([{ name: "commonName", value: "127.0.0.1" }], {
      keyType: "ec",
      algorithm: "sha256",
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }, { type: 2, value: "localhost" }] }],
    } as any);
    return { key: pems.private, cert: pems.cert };
  })();
  return cached;
}
