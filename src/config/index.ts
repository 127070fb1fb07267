// Public surface of the configuration module: the loader, its error and the config types.
export { loadConfig, type ConfigOverrides, type LoadConfigOptions } from './loader.js';
export { ConfigError } from './config-error.js';
export { parseConfigJson, readConfigFile } from './config-file.js';
export {
  configSchema,
  DEFAULT_ADVERTISED_VERSIONS,
  LOG_LEVELS,
  SUPPORTED_PROTOCOL_VERSIONS,
  type EasConfig,
  type LogConfig,
  type MailConfig,
  type PingConfig,
  type PolicyConfig,
  type ProvisioningConfig,
  type PushbridgeConfig,
  type ServerConfig,
  type SupportedProtocolVersion,
} from './schema.js';
