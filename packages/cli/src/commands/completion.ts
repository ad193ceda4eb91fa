/** `completion <bash|zsh|fish>`: a shell completion script generated from the command tree. */
import { Argument, type Command } from "@commander-js/extra-typings";
import type { Context } from "../context.js";
import { examples } from "./shared.js";

interface Node {
  name: string;
  description: string;
  options: string[];
  /** The options that take a value (`--workspace <code>`): the word after them is not a command. */
  valueOptions: string[];
  children: Node[];
}

type AnyCommand = Pick<Command, "name" | "description" | "options" | "commands"> & { _hidden?: boolean };

function tree(command: AnyCommand): Node {
  const named = command.options.filter((option): option is typeof option & { long: string } => typeof option.long === "string");
  return {
    name: command.name(),
    description: command.description(),
    options: named.map((option) => option.long),
    valueOptions: named.filter((option) => option.required || option.optional).flatMap((option) => [option.long, ...(option.short ? [option.short] : [])]),
    children: (command.commands as unknown as readonly AnyCommand[]).filter((c) => !c._hidden).map(tree),
  };
}

function bash(root: Node): string {
  const cases = root.children
    .map((c) => `    ${c.name}) words="${[...c.children.map((g) => g.name), ...c.options, ...root.options].join(" ")}" ;;`)
    .join("\n");
  const valueOptions = root.valueOptions.join("|");
  return `# accsyn bash completion: eval "$(accsyn completion bash)"
_accsyn() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" words i
  # The value of a global option (--workspace acme) is free text: complete files, not commands.
  case "$prev" in ${valueOptions}) COMPREPLY=(); return ;; esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${valueOptions}) ((i++)) ;;
      -*) ;;
      *) cmd="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$cmd" in
    "") words="${[...root.children.map((c) => c.name), ...root.options].join(" ")}" ;;
${cases}
    *) words="" ;;
  esac
  COMPREPLY=($(compgen -W "$words" -- "$cur"))
}
complete -o default -F _accsyn accsyn
`;
}

function zsh(root: Node): string {
  return `#compdef accsyn
# accsyn zsh completion: eval "$(accsyn completion zsh)"
autoload -U +X bashcompinit && bashcompinit
${bash(root).split("\n").slice(1).join("\n")}`;
}

function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function fish(root: Node): string {
  const lines = ["# accsyn fish completion: accsyn completion fish | source", "complete -c accsyn -f"];
  for (const option of root.options) lines.push(`complete -c accsyn -l ${option.replace(/^--/, "")}`);
  for (const command of root.children) {
    lines.push(`complete -c accsyn -n __fish_use_subcommand -a ${command.name} -d ${fishQuote(command.description)}`);
    for (const child of command.children) {
      lines.push(`complete -c accsyn -n '__fish_seen_subcommand_from ${command.name}' -a ${child.name} -d ${fishQuote(child.description)}`);
    }
    for (const option of command.options) lines.push(`complete -c accsyn -n '__fish_seen_subcommand_from ${command.name}' -l ${option.replace(/^--/, "")}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Registers `completion`. */
export function registerCompletion(program: Command, ctx: Context): void {
  const completion = program.command("completion").description("print a shell completion script")
    .addArgument(new Argument("<shell>", "the shell").choices(["bash", "zsh", "fish"] as const))
    .action((shell) => {
      const root = tree(program as unknown as AnyCommand);
      const script = shell === "bash" ? bash(root) : shell === "zsh" ? zsh(root) : fish(root);
      ctx.out.line(script.trimEnd());
    });
  examples(completion, "accsyn completion fish > ~/.config/fish/completions/accsyn.fish", 'eval "$(accsyn completion bash)"');
}
