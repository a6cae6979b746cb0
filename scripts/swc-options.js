// swc settings shared by the build (scripts/build.mjs) and Jest: TypeScript with legacy decorators
// and decorator metadata, which NestJS dependency injection needs.
const base = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: true,
};
module.exports = { base, jest: { ...base, sourceMaps: 'inline' } };
