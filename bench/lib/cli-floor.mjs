// The floor of a CLI command (run as a whole process by scenarios-cli.mjs): a fresh `node`
// sending the same raw requests as the command, with node:http — the login, then (unless the
// command is only the login) one event — and printing the result as JSON, as `--json` does.
// Usage: node cli-floor.mjs '{"port":…,"workspace":…,"username":…,"apiKey":…,"uri":"user/find","data":{}}'
import http from "node:http";
import os from "node:os";
import { randomUUID } from "node:crypto";

const task = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: true });
const headers = {
  authorization: `basic ${Buffer.from(task.username).toString("base64")}:${Buffer.from(task.apiKey).toString("base64")}`,
  "x-accsyn-workspace": task.workspace,
};

function send(method, path, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: task.port, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

const login = await send("PUT", "/api/v3/api/login", "{}");
let result = login.result;
if (task.uri) {
  const event = { audience: "api", workspace: task.workspace, eid: randomUUID(), session: login.result.session_id, uri: task.uri, ident: task.username, created: new Date().toISOString().slice(0, 19), hostname: os.hostname(), data: task.data ?? {} };
  result = (await send("GET", `/api/v3/event?${encodeURIComponent(JSON.stringify(event))}`)).result;
}
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
agent.destroy();
