/**
 * `journeylens drivers <file.csv>`: key-driver analysis of any survey table — which
 * touchpoint ratings drive the overall score, by Johnson's relative weights, with each
 * driver's place in the importance-versus-performance quadrant. Nothing is stored.
 */
import { Option, type Command } from 'commander';
import { driversFromCsv } from '../service/drivers.js';
import { driversJson, driversMarkdown, nonNumericNote } from './drivers-output.js';
import { UsageError } from './errors.js';

type TFlags = {
  target: string;
  positive?: string;
  features: string;
  na?: string;
  format: 'json' | 'md';
  sep?: string;
  quote?: string;
  encoding: 'auto' | 'utf-8' | 'latin-1';
};

export function driversCommand(program: Command): void {
  program
    .command('drivers')
    .argument('<file>', 'survey table as CSV: one row per response, a header row')
    .description(
      'key drivers: which ratings drive the overall score (Johnson relative weights), with an importance-versus-performance quadrant',
    )
    .requiredOption('--target <column>', 'the overall score: a rating, or see --positive')
    .option(
      '--positive <value>',
      'for a yes/no target: the value counted as 1 (every other value is 0)',
    )
    .requiredOption('--features <columns>', 'comma-separated columns whose weights to find')
    .option(
      '--na <value>',
      'a feature value meaning "not applicable" (e.g. 0): rows holding it are left out and counted',
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['json', 'md']).default('md'),
    )
    .option('--sep <char>', 'CSV delimiter (default: detected)')
    .option('--quote <char>', 'CSV quote character (default: ")')
    .addOption(
      new Option('--encoding <encoding>', 'text encoding of the CSV')
        .choices(['auto', 'utf-8', 'latin-1'])
        .default('auto'),
    )
    .addHelpText(
      'after',
      `
Example (the airline passenger survey: 14 touchpoint ratings 1–5, 0 = not applicable):
  journeylens drivers airline_passenger_satisfaction.csv \\
    --target Satisfaction --positive Satisfied --na 0 --features \\
    "Departure and Arrival Time Convenience,Ease of Online Booking,Check-in Service,\\
Online Boarding,Gate Location,On-board Service,Seat Comfort,Leg Room Service,Cleanliness,\\
Food and Drink,In-flight Service,In-flight Wifi Service,In-flight Entertainment,Baggage Handling"

  Add --format json for r2, rowsUsed, rowsLeftOut and drivers [{ feature, rawWeight,
  rescaledWeight, quadrant }]. See docs/drivers.md for how to read the weights.`,
    )
    .action(async (file: string, flags: TFlags) => {
      const features = featureList(flags.features);
      const target = flags.target.trim();
      if (target === '') throw new UsageError('--target: name the column of the overall score');
      if (features.includes(target))
        throw new UsageError(`"${target}" is the target: it cannot be a feature too`);
      const report = await driversFromCsv({
        path: file,
        target,
        positive: flags.positive,
        features,
        na: flags.na,
        separator: flags.sep === '\\t' || flags.sep === 'tab' ? '\t' : flags.sep,
        quote: flags.quote,
        encoding: flags.encoding,
      });
      process.stderr.write(nonNumericNote(report));
      process.stdout.write(
        flags.format === 'json'
          ? JSON.stringify(driversJson(report), null, 1) + '\n'
          : driversMarkdown(report),
      );
    });
}

/** "a, b,c" → ["a", "b", "c"]; no empty names, no repeats. */
function featureList(text: string): string[] {
  const names = text
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  if (names.length === 0) {
    throw new UsageError(
      '--features: name at least one column, e.g. --features "Seat Comfort,Leg Room Service"',
    );
  }
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length > 0)
    throw new UsageError(`--features: "${repeated[0] ?? ''}" is named twice`);
  return names;
}
