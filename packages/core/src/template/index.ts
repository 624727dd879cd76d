export type {
  CompiledTemplate,
  TemplateFilter,
  TemplateInstance,
  TemplateOptions,
  TemplateProblem,
  TemplateProblemKind,
} from './types.js';
export { compileTemplate, formatTemplateValue } from './template.js';
export { CASE_TEMPLATE_PATHS, casePathKnown } from './case-paths.js';
