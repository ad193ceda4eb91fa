// Deterministic payloads shared by the bench server and the clients: the small entity, the large
// listing, the create data and the credentials. Same inputs → same bytes in every process.

/** Credentials of the bench session (the fixed-answer server accepts anything). */
export const CREDENTIALS = { workspace: "bench", username: "bench@accsyn.test", apiKey: "bench-api-key-0123456789" };

/** Marks the query whose answer is the large listing; any other find gets the small entity. */
export const LARGE_MARK = "bench-large";
/** Query of the small scenarios (answered by one entity). */
export const SMALL_QUERY = "transfer WHERE code=bench-small";
/** Query of the large scenario (answered by the listing). */
export const LARGE_QUERY = `transfer WHERE code=${LARGE_MARK}`;

const STATUSES = ["init", "waiting", "running", "paused", "done", "failed"];
const BASE = Date.UTC(2026, 0, 1);

/** A 24-hex id, as the backend's ObjectIds. */
function hexId(i, salt) {
  return (salt.toString(16).padStart(8, "0") + i.toString(16).padStart(16, "0")).slice(0, 24);
}

/** The backend's date form `YYYY-MM-DDTHH:MM:SS` (optionally with `.mmm`). */
function wireDate(ms, withMillis = false) {
  const iso = new Date(ms).toISOString();
  return withMillis ? iso.slice(0, 23) : iso.slice(0, 19);
}

/** One transfer as the backend lists it: 20 attributes, dates, nested metadata. */
export function transfer(i) {
  const created = BASE + i * 61_000;
  return {
    id: hexId(i, 0x5f00aa),
    code: `transfer-${String(i).padStart(6, "0")}`,
    description: `Dailies delivery ${i % 97} for shot sh${String(i % 500).padStart(4, "0")}`,
    status: STATUSES[i % STATUSES.length],
    priority: (i * 7919) % 1000,
    progress: (i % 101) / 100,
    size: 1_048_576 * ((i % 4096) + 1),
    files: (i % 250) + 1,
    created: wireDate(created),
    modified: wireDate(created + 3_600_000, true),
    started: i % 3 === 0 ? null : wireDate(created + 120_000),
    finished: i % 5 === 4 ? wireDate(created + 7_200_000) : null,
    user: `ObjectId:${hexId(i % 40, 0x600)}`,
    user_hr: `artist${i % 40}@acme.test`,
    source: `share=projects/feature/shots/sh${String(i % 500).padStart(4, "0")}/comp/v${String(i % 9).padStart(3, "0")}`,
    destination: `site=london/projects/feature/incoming/${i % 31}`,
    speed_bps: (i * 104_729) % 900_000_000,
    metadata: {
      project: "feature",
      shot: `sh${String(i % 500).padStart(4, "0")}`,
      tags: ["dailies", i % 2 === 0 ? "comp" : "lighting"],
      frames: [1001, 1001 + (i % 200)],
      review: { approved: i % 7 === 0, at: wireDate(created + 86_400_000) },
    },
  };
}

/** The small answer: `{result: [one transfer]}`. */
export function smallAnswer() {
  return JSON.stringify({ result: [transfer(42)] });
}

/** The large answer: `{result: [count transfers]}`. */
export function largeAnswer(count) {
  const list = new Array(count);
  for (let i = 0; i < count; i++) list[i] = transfer(i);
  return JSON.stringify({ result: list });
}

/** The answer to `create`. */
export function createAnswer() {
  return JSON.stringify({ result: [{ id: hexId(1, 0xc0de), code: "transfer-new", status: "init", created: wireDate(BASE) }] });
}

/** The answer to the login. */
export function loginAnswer() {
  return JSON.stringify({ result: { role: "admin", id: hexId(7, 0x600), session_id: "bench-session-0001" } });
}

/** The create data: `count` tasks with source and destination (≈160 bytes of JSON each). */
export function createTasks(count) {
  const tasks = new Array(count);
  for (let i = 0; i < count; i++) {
    const shot = `sh${String(i % 500).padStart(4, "0")}`;
    const frame = 1001 + (i % 200);
    tasks[i] = {
      source: `share=projects/feature/shots/${shot}/comp/v003/${shot}_comp_v003.${frame}.exr`,
      destination: `site=london/incoming/${shot}/${shot}_comp_v003.${frame}.exr`,
    };
  }
  return tasks;
}

/** Marks the query answered page by page (by the event's limit/skip) out of `PAGED_TOTAL` transfers. */
export const PAGES_MARK = "bench-pages";
/** Query of the paged listing (`iterate`). */
export const PAGES_QUERY = `transfer WHERE code=${PAGES_MARK}`;
/** How many transfers the paged listing holds. */
export const PAGED_TOTAL = 1_000_000;

/**
 * One page of the paged listing: `min(limit, PAGED_TOTAL - skip)` transfers. Every page holds
 * transfers 0, 1, … (the same bytes for the same size, so the server can cache them): only the
 * count and the memory of walking them matter here.
 */
export function pageAnswer(skip, limit = PAGED_TOTAL) {
  return largeAnswer(Math.max(0, Math.min(limit, PAGED_TOTAL - skip)));
}
