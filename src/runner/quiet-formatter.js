// Cucumber adds its dot-progress formatter on stdout unless some formatter claims stdout; the runner prints its own
// progress and summary, so this one claims stdout and writes nothing.
const { Formatter } = require('@cucumber/cucumber');

module.exports = class QuietFormatter extends Formatter {};
