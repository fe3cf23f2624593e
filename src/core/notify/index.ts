/** The notification core: settings, recipients, edit log, digest, rendering and the queue's bookkeeping. */
export * from './types';
export * from './settings';
export * from './recipients';
export * from './edit-log';
export * from './digest';
export * from './render';
export * from './queue';
export * from './change-rows';
