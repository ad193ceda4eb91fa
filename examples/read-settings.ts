/**
 * Reads workspace settings: with names, prints each one's value; without, prints every setting in
 * effect and marks (`*`) those changed from the default.
 *
 *   read-settings [<setting name> …]
 *   read-settings max_transfers transfer_speedlimit
 */
import { runExample } from "./connect.js";

/** A setting value as text (settings are strings; structured ones are JSON). */
function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

await runExample(async (session, names) => {
  if (names.length > 0) {
    for (const name of names) {
      const value = await session.getSetting(name);
      console.log(`${name} = ${value === null || value === undefined ? "(not set)" : show(value)}`);
    }
    return;
  }

  const effective = await session.getSettings({ entitytype: "workspace", omitDefaults: false });
  const changed = await session.getSettings({ entitytype: "workspace", omitDefaults: true });
  const width = Math.max(0, ...Object.keys(effective).map((name) => name.length));
  console.log(`Settings of workspace ${session.workspace} (* = changed from the default):`);
  for (const name of Object.keys(effective).sort()) {
    console.log(`${name in changed ? "*" : " "} ${name.padEnd(width)}  ${show(effective[name])}`);
  }
});
