// Maps the tsconfig path aliases (@spbe/*) to source files for Jest.
const path = require('node:path');
const { compilerOptions } = require('../tsconfig.base.json');

function pathsToModuleNameMapper() {
  const map = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    map[`^${alias.replace(/[/\\^$+?.()|[\]{}]/g, '\\$&')}$`] = path.join(__dirname, '..', target);
  }
  return map;
}
module.exports = { pathsToModuleNameMapper };
