/**
 * Placeholders are substituted wherever they appear, answers included
 * (conformance/vectors/README.md, "Placeholders"). The two vectors of `extra-vectors/` were written
 * for this: a registry answer naming the test server's port as `"<port>"` (a client that honours
 * it must reach the test server), and a `find` answer carrying `<port>`, `<hostname>` and
 * `<tmpdir>` that the call must return as real values. The folder is also a ready second set for
 * `ACCSYN_VECTORS=tests/conformance/extra-vectors`.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runVector } from "./run.js";
import { loadVectors } from "./vectors.js";

const EXTRA = fileURLToPath(new URL("./extra-vectors/", import.meta.url));
const vectors = loadVectors([EXTRA]);

describe("placeholders in answers", () => {
  it("has the two vectors written for it", () => {
    expect(vectors.map(({ id }) => id).sort()).toEqual(["find__placeholders_in_answer", "session__registry_port_in_answer"]);
  });

  for (const { id, vector } of vectors) {
    it(`${id}: ${vector.description ?? ""}`, async () => {
      expect(await runVector(vector, undefined)).toEqual([]);
    });
  }
});
