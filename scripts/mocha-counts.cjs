// Mocha reporter: the spec reporter's output for the log, plus the counts as JSON for npm test's
// summary (MOCHA_RESULTS names the file).
const { writeFileSync } = require('node:fs');
const Mocha = require('mocha');

class SpecWithCounts extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once('end', () => {
      const { passes, failures, pending } = this.stats;
      writeFileSync(process.env.MOCHA_RESULTS ?? '.test-results/server.json', JSON.stringify({ passed: passes, failed: failures, skipped: pending }));
    });
  }
}
module.exports = SpecWithCounts;
