import { DEMO_SEED, seedBuilder } from "@accsyn/emulator";

/** The workspace every test starts from: the demo workspace plus a renders share, a reviewer and some farm jobs. */
export const SEED = seedBuilder(DEMO_SEED)
  .user("rita@acme.test", { name: "Rita Reviewer", role: "standard", api_key: "test-rita-key" })
  .home("rita@acme.test")
  .volume("renders", { files: { "sh010/beauty.0001.exr": "1", "sh010/beauty.0002.exr": "2", "sh020/beauty.0001.exr": "3", "sh030/": "" } })
  .folder("dailies", { volume: "renders", path: "sh010" })
  .job("farm-ok", { status: "done" })
  .job("farm-broken", { status: "failed" })
  .job("farm-queued", { status: "waiting" })
  .setting("transfer_speedlimit", "250")
  .build();
