/**
 * The workspace the reference client's integration suite (accsyn-python-api `tests/`) expects to find on the
 * service it runs against: three users (admin, employee, standard — the suite deletes and re-invites the
 * last two), a storage server online, a default volume, an online app for the admin and for the standard user
 * whose disk is this machine (`disk: "/"`: the suite uploads its tests/data files and checks a download landed in
 * the system temp directory), and a queue named `medium` (test_settings.py).
 * The employee has no client and no volume access (the suite expects delivery creation to fail for it).
 */

/** Workspace code the `.env.*` files name. */
export const WORKSPACE = "reference";

/** Users by role: the e-mail the suite logs in with and its (throw-away) API key. */
export const USERS = {
  admin: { code: "admin@reference.test", api_key: "reference-admin-key" },
  employee: { code: "employee@reference.test", api_key: "reference-employee-key" },
  standard: { code: "standard@reference.test", api_key: "reference-standard-key" },
};

/** The emulator seed (format: packages/emulator/README.md, "Seed format"). */
export const SEED = {
  workspace: { code: WORKSPACE, name: "Reference suite" },
  users: Object.entries(USERS).map(([role, u]) => ({ ...u, role, name: `${role[0].toUpperCase()}${role.slice(1)} user` })),
  volumes: [{ code: "storage", name: "Storage", default: true, servers: ["storage01"] }],
  queues: [{ name: "Reference suite", default: true, priority: 500 }, { code: "medium", name: "medium", priority: 500 }],
  sites: [{ code: "hq", name: "HQ", main: true }],
  clients: [
    { code: "storage01", type: "server", status: "online", roles: ["storage"], site: "hq", os: "linux" },
    { code: "admin-app", type: "app", user: USERS.admin.code, status: "online", site: "hq", os: "linux", disk: "/" },
    { code: "standard-app", type: "app", user: USERS.standard.code, status: "online", os: "linux", disk: "/" },
  ],
};

/** The `.env.<role>` file text the suite's session fixtures load. */
export function envFile(role) {
  const u = USERS[role];
  return `ACCSYN_WORKSPACE=${WORKSPACE}\nACCSYN_API_USER=${u.code}\nACCSYN_API_KEY=${u.api_key}\n`;
}
