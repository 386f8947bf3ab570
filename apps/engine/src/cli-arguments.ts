/** `engine <model.bpmn> [--dmn decisions.dmn …] [--process id] [--var name=value …] [--auto]` */
export interface CliArguments {
  file?: string;
  decisionFiles: string[];
  processId?: string;
  variables: Record<string, unknown>;
  auto: boolean;
  help: boolean;
}

export function parseCliArguments(argv: string[]): CliArguments {
  const result: CliArguments = { decisionFiles: [], variables: {}, auto: false, help: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--auto') result.auto = true;
    else if (argument === '--help' || argument === '-h') result.help = true;
    else if (argument === '--process') result.processId = argv[++index];
    else if (argument === '--dmn') result.decisionFiles.push(argv[++index] ?? '');
    else if (argument === '--var') {
      const assignment = argv[++index] ?? '';
      const at = assignment.indexOf('=');
      if (at <= 0) throw new Error(`Expected --var name=value, but found '${assignment}'`);
      result.variables[assignment.slice(0, at)] = parseValue(assignment.slice(at + 1));
    } else if (argument.startsWith('--')) throw new Error(`Unknown option '${argument}' (see --help)`);
    else result.file = argument;
  }
  return result;
}

/** JSON when it parses (numbers, booleans, objects), else the text itself. */
function parseValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
