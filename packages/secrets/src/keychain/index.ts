/**
 * OS keychain provider for `@rrr/secrets` (needs the optional peer dependency `@napi-rs/keyring`).
 *
 * @packageDocumentation
 */
export type { KeychainProviderOptions, LinuxKeychainStore } from './keychain-provider.js';
export { KeychainProvider } from './keychain-provider.js';
