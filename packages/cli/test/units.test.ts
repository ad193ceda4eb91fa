import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgram } from "../src/program.js";
import { describeFailure, EXIT, maskSecrets } from "../src/errors.js";
import { Printer } from "../src/output/print.js";
import { plainProgress } from "../src/output/progress.js";
import { colourEnabled } from "../src/output/colour.js";
import { AccsynApiError, AccsynNetworkError, AccsynNotFoundError, AccsynValidationError, networkAdvice } from "@accsyn/core";

/** A writable that collects text and claims to be (or not be) a terminal. */
function sink(isTTY: boolean): Writable & { isTTY: boolean; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  }) as Writable & { isTTY: boolean; text: () => string };
  stream.isTTY = isTTY;
  stream.text = () => chunks.join("");
  return stream;
}

interface HelpNode {
  name(): string;
  commands: readonly HelpNode[];
  helpInformation(): string;
  emit(event: string, context: unknown): boolean;
  _hidden?: boolean;
}

describe("help", () => {
  it("every visible command has an example in its --help", () => {
    const { program } = createProgram();
    const missing: string[] = [];
    const visit = (command: HelpNode, path: string) => {
      let after = "";
      command.emit("afterHelp", { error: false, command, write: (text: string) => (after += text) });
      if (!after.includes("Examples:\n  $ accsyn")) missing.push(path);
      for (const child of command.commands) if (!child._hidden) visit(child, `${path} ${child.name()}`);
    };
    for (const command of (program as unknown as HelpNode).commands) if (!command._hidden) visit(command, command.name());
    expect(missing).toEqual([]);
  });
});

describe("printer", () => {
  const rows = [{ id: "a1", code: "lisa@example.com", name: "Lisa", role: "admin", status: "enabled", created: new Date("2026-01-02T03:04:05Z"), extra: 1 }];

  it("draws a table with chosen columns and short local dates on a terminal", async () => {
    const out = sink(true);
    await new Printer("human", out).result(rows, { entitytype: "user" });
    const text = out.text();
    expect(text).toMatch(/┌/);
    expect(text).toContain("lisa@example.com");
    expect(text).not.toContain("extra");
    expect(text).not.toContain("2026-01-02T03:04:05");
  });

  it("prints TSV with ISO dates when piped, and no colour", async () => {
    const out = sink(false);
    await new Printer("human", out).result(rows, { entitytype: "user" });
    expect(out.text()).toBe("id\tcode\tname\trole\tstatus\tcreated\na1\tlisa@example.com\tLisa\tadmin\tenabled\t2026-01-02T03:04:05.000Z\n");
  });

  it("--json and --ndjson keep every attribute with ISO dates", async () => {
    const json = sink(false);
    await new Printer("json", json).result(rows);
    expect(JSON.parse(json.text())).toEqual([{ ...rows[0], created: "2026-01-02T03:04:05.000Z" }]);
    const nd = sink(false);
    await new Printer("ndjson", nd).result([{ a: 1 }, { a: 2 }]);
    expect(nd.text()).toBe('{"a":1}\n{"a":2}\n');
  });

  // Answers as the real backend sends them (protocol vectors find__with_entityid, update__job, access__delivery).
  const task = {
    id: "8df95f05-091e-44a1-9528-f74671a69e37", uri: "0", status: "done", size: 128868496, finished: new Date("2026-01-22T08:43:05Z"),
    source: { client: "2e95312803ef71fd23fa1a4b", path: "dailies/sh010_v003.mov", path_abs_final: "/Volumes/projects/dailies/sh010_v003.mov" },
    destination: { client: "3fecbf0bdc6295c65e35a719", path: "/Users/bob/Downloads/sh010_v003.mov" },
  };
  const job = {
    id: "bf4eef818716bafab22ac70a", code: "dailies-042", status: "paused", progress: 0, size: 0, created: new Date("2026-01-22T08:35:59Z"),
    source: "workspace:070d368837b18d42352a7dc5", source_hr: "workspace:acme(070d368837b18d42352a7dc5)",
    destination: "user:69d92eafc0f59bd1a35083d9", destination_hr: "user:bob@partner.example[standard](69d92eafc0f59bd1a35083d9)",
  };

  it("shows a task's source and destination paths, not the objects", async () => {
    const out = sink(false);
    await new Printer("human", out).result([task], { entitytype: "task" });
    expect(out.text()).toBe(
      "id\turi\tstatus\tsource.path\tdestination.path\tsize\tfinished\n" +
        "8df95f05-091e-44a1-9528-f74671a69e37\t0\tdone\tdailies/sh010_v003.mov\t/Users/bob/Downloads/sh010_v003.mov\t128868496\t2026-01-22T08:43:05.000Z\n",
    );
  });

  it("shows a job's source and destination, their *_hr labels shortened on a terminal", async () => {
    const piped = sink(false);
    await new Printer("human", piped).result([job], { entitytype: "transfer" });
    expect(piped.text().split("\n")[0]).toBe("id\tcode\tstatus\tprogress\tsize\tsource_hr\tdestination_hr\tcreated");
    expect(piped.text()).toContain("user:bob@partner.example[standard](69d92eafc0f59bd1a35083d9)");
    const terminal = sink(true);
    await new Printer("human", terminal).result([job], { entitytype: "transfer" });
    expect(terminal.text()).toContain(" bob@partner.example ");
    expect(terminal.text()).toContain(" acme ");
    expect(terminal.text()).not.toContain("69d92eafc0f59bd1a35083d9");
  });

  it("lists a delivery's recipients by e-mail and whether they acted", async () => {
    const out = sink(false);
    await new Printer("human", out).result([{ actioned: true, user: "69d92eafc0f59bd1a35083d9", user_hr: "bob@partner.example" }], { entitytype: "recipient" });
    expect(out.text()).toBe("user_hr\tactioned\tuser\nbob@partner.example\ttrue\t69d92eafc0f59bd1a35083d9\n");
  });

  it("colours only on a terminal without NO_COLOR", () => {
    expect(colourEnabled({ isTTY: true }, {})).toBe(true);
    expect(colourEnabled({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colourEnabled({ isTTY: false }, { CI: "1", FORCE_COLOR: "1" })).toBe(false);
  });
});

describe("progress lines", () => {
  it("writes one line per change with percent, speed and ETA", () => {
    const out = sink(false);
    const display = plainProgress("transfer j1", out);
    display.update({ status: "running", progress: 40, entity: { speed: 12.5, etr: "0:00:10" } });
    display.update({ status: "running", progress: 40, entity: { speed: 12.5, etr: "0:00:10" } });
    display.update({ status: "done", progress: 100, entity: { speed: -1 } });
    expect(out.text()).toBe("transfer j1 running 40% 12.5 MB/s ETA 0:00:10\ntransfer j1 done 100% - ETA -\n");
  });
});

describe("failures", () => {
  it("maps SDK errors to the documented exit codes", () => {
    expect(describeFailure(new AccsynValidationError("Please supply your accsyn API KEY")).exitCode).toBe(EXIT.AUTH);
    expect(describeFailure(new AccsynValidationError("Invalid maxDepth")).exitCode).toBe(EXIT.USAGE);
    expect(describeFailure(new AccsynApiError("Invalid credentials", { uri: "/api/login", status: 401 })).exitCode).toBe(EXIT.AUTH);
    expect(describeFailure(new AccsynApiError("Forbidden", { uri: "setting", status: 403 })).message).toContain("permission");
    expect(describeFailure(new AccsynApiError("Not there", { uri: "user/find", status: 404 })).exitCode).toBe(EXIT.NOT_FOUND);
    expect(describeFailure(new AccsynApiError("Conflict", { uri: "user/create", status: 409 })).exitCode).toBe(EXIT.CONFLICT);
    expect(describeFailure(new AccsynNetworkError("Cannot connect", { networkCode: "ECONNREFUSED" })).exitCode).toBe(EXIT.NETWORK);
  });

  it("gives permission, conflict, timeout and internal errors their own codes (issue 17)", () => {
    expect(describeFailure(new AccsynApiError("Forbidden", { uri: "setting", status: 403 })).exitCode).toBe(EXIT.PERMISSION);
    expect(describeFailure(new AccsynNotFoundError("No ACL found", { uri: "acl/find", entityType: "acl", entityId: "user:a share:b" })).exitCode).toBe(EXIT.NOT_FOUND);
    expect(describeFailure(new AccsynNetworkError("No answer", { networkCode: "ETIMEDOUT" }))).toMatchObject({ exitCode: EXIT.TIMEOUT, message: expect.stringContaining("--timeout") });
    const advice = networkAdvice("EPROTO", "write EPROTO …:ssl3_get_record:wrong version number", { host: "h", port: 1, connectTimeoutMs: 1, timeoutMs: 1 });
    const plainHttp = new AccsynNetworkError(`Could not complete PUT /api/login at h:1 (EPROTO): ${advice}`, { networkCode: "EPROTO" });
    expect(describeFailure(plainHttp)).toEqual({ exitCode: EXIT.NETWORK, message: "Could not complete PUT /api/login at h:1 (EPROTO). This endpoint is plain HTTP — use --http / ACCSYN_PROTOCOL=http." });
    expect(describeFailure(new TypeError("x is not a function"))).toMatchObject({ exitCode: EXIT.INTERNAL, message: expect.stringMatching(/^Internal error: x is not a function\. This is a bug in accsyn/) });
    expect(describeFailure(Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" })).exitCode).toBe(EXIT.USAGE);
    expect(new Set(Object.values(EXIT)).size).toBe(Object.keys(EXIT).length);
  });

  it("masks a secret and its base64 forms", () => {
    const secret = "s3cr3t-key";
    const b64 = Buffer.from(secret).toString("base64");
    expect(maskSecrets(`a ${secret} b ${b64} c`, [secret])).toBe("a *** b *** c");
    expect(maskSecrets("key=k9, b64=azk=", ["k9"])).toBe("key=***, b64=***");
  });
});
