// The template configuration of the environment a function runs in (cloudfunctions/notify/templates.json,
// bundled into every function that sends). An environment missing from the file has no templates: nothing is sent, every message stays in-app.
import file from '../../cloudfunctions/notify/templates.json';
import { checkEnvironmentConfig, environmentConfigSchema, templatesFileSchema, type EnvironmentConfig, type TemplateConfig, type TemplateKey } from '../../src/core/notify/templates';
import { currentEnv } from './subscribe-send';

const parsed = templatesFileSchema.parse(file);

const NO_TEMPLATES: EnvironmentConfig = environmentConfigSchema.parse({ templates: {} });

const warned = new Set<string>();

/** The configuration of `env` (default: the current one); problems are logged once and the bad templates left out. */
export function environmentConfig(env: string = currentEnv()): EnvironmentConfig {
  const config = parsed.environments[env];
  if (!config) {
    if (!warned.has(env)) console.warn(`[notify] no subscription templates configured for environment "${env}": in-app messages only`);
    warned.add(env);
    return NO_TEMPLATES;
  }
  const problems = checkEnvironmentConfig(config);
  if (problems.length && !warned.has(env)) console.warn(`[notify] templates.json (${env}): ${problems.join('; ')}`);
  warned.add(env);
  const bad = new Set(problems.map((p) => p.split(/[.:]/)[0]));
  return { ...config, templates: Object.fromEntries(Object.entries(config.templates).filter(([key]) => !bad.has(key))) };
}

export function templateOf(config: EnvironmentConfig, key: string): TemplateConfig | undefined {
  return Object.prototype.hasOwnProperty.call(config.templates, key) ? config.templates[key as TemplateKey] : undefined;
}
