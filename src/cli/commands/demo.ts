import { Command } from 'commander';
import { withServices } from '../open-services.ts';

export function demoCommand(): Command {
  return new Command('demo')
    .description(
      "Build the synthetic demo county (Kent-like: 12 real districts, fictional schools, rolls and pupil results 2010/11-2016/17 calibrated to the seed's 2012 figures, synthetic England and neighbour comparators) into an empty database, and compute it; a build that was interrupted is resumed. `npm start` does this on first run.",
    )
    .option('--seed <number>', 'seed of the deterministic generator', '2013')
    .action(async (options: { seed: string }) => {
      const seed = Number(options.seed);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, not "${options.seed}"`);
      const summary = await withServices(async (services) => {
        // An interrupted build (its county recorded, its last step not) is carried on rather than refused.
        const state = await services.demo.state();
        if (state === 'built') throw new Error('the demo county is already built in this database (set WAYMARK_DATABASE to use another)');
        if (state === 'other')
          throw new Error('the database is not empty: the demo county is built only into an empty database (set WAYMARK_DATABASE to use another)');
        if (state === 'unfinished') process.stderr.write('the demo county build was interrupted: resuming it after its last recorded step\n');
        const built = await services.demo.build(seed, (step) => process.stderr.write(`${step}\n`));
        // One user per role, with the password the sign-in page shows on this (demo) database only.
        await services.accounts.ensureDemoUsers();
        // The demo officer's delivery records of the framework's milestones and qualitative targets.
        await services.delivery.ensureDemoDelivery();
        // The demo officer's system leaders and the support partnerships they lead (target 14 is read from them).
        await services.leadership.ensureDemoLeadership();
        // The demo administrators' statistical release of two of its tables, published at once.
        await services.releases.ensureDemoRelease();
        return built;
      });
      console.log(
        `demo county ${summary.resumed ? 'finished' : 'built'} (batch ${summary.batchId}): ${summary.schools} schools, ${summary.successions} academy conversions, ${summary.inspections} Ofsted inspections, ${summary.rollObservations} roll figures, ` +
          `${summary.comparatorObservations} comparator figures; ${summary.pupilRecords} pupil records in ${summary.pupilFiles} files; ${summary.compute.figures} figures computed`,
      );
    });
}
