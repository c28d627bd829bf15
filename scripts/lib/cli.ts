/**
 * Answers `--help` (or `-h`) with the command's usage and exits 0, when `mod` is the process's main
 * module: every command calls it first, so asking for help never starts, seeds or writes anything.
 */
export function answerHelp(
  mod: NodeModule,
  usage: string,
  argv: readonly string[] = process.argv.slice(2),
): void {
  if (mod !== require.main || !(argv.includes('--help') || argv.includes('-h'))) return;
  console.log(usage.trim());
  process.exit(0);
}
