import { type Argument, type Command, Help, type Option } from 'commander';

/**
 * Commander speaks English; these turn its help headings and its error messages into Russian.
 * Pure string work, so it is tested without running a command.
 */
const TITLES: Record<string, string> = {
  'Usage:': 'Использование:',
  'Options:': 'Параметры:',
  'Commands:': 'Команды:',
  'Arguments:': 'Аргументы:',
  'Global Options:': 'Общие параметры:',
};

export function translateTitle(title: string): string {
  return TITLES[title] ?? title;
}

export function translateUsage(usage: string): string {
  return usage.replace('[options]', '[параметры]').replace('[command]', '[команда]');
}

export function translateExtras(text: string): string {
  return text
    .replace(/\bchoices: /g, 'варианты: ')
    .replace(/\bdefault: /g, 'по умолчанию: ')
    .replace(/\bpreset: /g, 'без значения: ')
    .replace(/\benv: /g, 'переменная: ');
}

const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [
    /^error: unknown option '([^']+)'(?:\n\(Did you mean (.+)\?\))?/,
    (o, s) => `неизвестный параметр «${o}»${s ? ` (возможно, ${s}?)` : ''}`,
  ],
  [
    /^error: unknown command '([^']+)'(?:\n\(Did you mean (.+)\?\))?/,
    (c, s) => `неизвестная команда «${c}»${s ? ` (возможно, ${s}?)` : ''}`,
  ],
  [/^error: missing required argument '([^']+)'/, (a) => `не указан обязательный аргумент «${a}»`],
  [/^error: option '([^']+)' argument missing/, (o) => `у параметра «${o}» не указано значение`],
  [/^error: required option '([^']+)' not specified/, (o) => `не указан обязательный параметр «${o}»`],
  [/^error: too many arguments(?: for '([^']+)')?/, (c) => `лишние аргументы${c ? ` у команды «${c}»` : ''}`],
  [
    /^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\./,
    (o, v, c) => `недопустимое значение «${v}» у параметра «${o}»; допустимо: ${c}`,
  ],
  [
    /^error: command-argument value '([^']*)' is invalid for argument '([^']+)'\. Allowed choices are (.+)\./,
    (v, a, c) => `недопустимое значение «${v}» аргумента «${a}»; допустимо: ${c}`,
  ],
];

export function translateError(message: string): string {
  const text = message.trim();
  for (const [re, say] of ERRORS) {
    const m = re.exec(text);
    if (m) return `Ошибка: ${say(...m.slice(1).map((x) => x ?? ''))}.`;
  }
  return text.replace(/^error: /, 'Ошибка: ');
}

/** Russian help and errors for a command and, through commander's inherited settings, its subcommands. */
export function russify(cmd: Command): Command {
  return cmd
    .configureHelp({
      styleTitle: (str: string) => translateTitle(str),
      commandUsage(this: Help, cmd: Command) {
        return translateUsage(Help.prototype.commandUsage.call(this, cmd));
      },
      subcommandTerm(this: Help, cmd: Command) {
        return translateUsage(Help.prototype.subcommandTerm.call(this, cmd));
      },
      optionDescription(this: Help, option: Option) {
        return translateExtras(Help.prototype.optionDescription.call(this, option));
      },
      argumentDescription(this: Help, argument: Argument) {
        return translateExtras(Help.prototype.argumentDescription.call(this, argument));
      },
    })
    .helpOption('-h, --help', 'показать справку')
    .helpCommand('help [команда]', 'показать справку по команде')
    .showHelpAfterError('(справка: marshrut --help)')
    .configureOutput({ outputError: (str, write) => write(`${translateError(str)}\n`) });
}
