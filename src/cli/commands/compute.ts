import { Command } from 'commander';
import { withServices } from '../open-services.ts';

export function computeCommand(): Command {
  return new Command('compute')
    .description(
      'Compute every registered pupil-records file (one per collection, year and data version) into figures at school, district, grouping, LA, region and England level by pupil group, on DuckDB. Files whose inputs have not changed since their last compute are left as they are, so running it twice writes nothing.',
    )
    .option('--quiet', 'print only the summary')
    .action(async (options: { quiet?: boolean }) => {
      const summary = await withServices((services) =>
        services.pupils.compute(
          options.quiet
            ? undefined
            : (step) =>
                process.stderr.write(`[${step.index}/${step.of}] ${step.file}: ${step.outcome === 'unchanged' ? 'unchanged' : `${step.figures} figures`}\n`),
        ),
      );
      // New computed school figures change floor-standard counts: remake the place-level school outcomes.
      if (summary.computed > 0) {
        const outcomes = await withServices((services) => services.schoolOutcomes.recompute());
        console.log(`school outcomes remade: ${outcomes.written} place-level Ofsted and floor-standard figures (batch ${outcomes.batchId})`);
      }
      console.log(
        `${summary.files} pupil files: ${summary.computed} computed (${summary.figures} figures), ${summary.unchanged} unchanged` +
          (summary.unplacedPupils > 0 ? `; ${summary.unplacedPupils} pupils at schools with no placement counted in England only` : ''),
      );
    });
}
