/**
 * The only gateway to the fanotify native addon: its typed surface and the
 * lazy loader. No other module may require the addon directly.
 *
 * @packageDocumentation
 */
export { NATIVE_ADDON_VERSION, type NativeBinding } from './binding.js';
export type { NativeConstants } from './constants.js';
export { NativeAddonUnavailableError, type NativeAddonUnavailableReason } from './errors.js';
export type { NativeFileHandle } from './file-handle.js';
export { loadNativeBinding, tryLoadNativeBinding } from './load.js';
export type { NativePollCallback, NativePollHandle } from './poll-handle.js';
