export * from './errors.js';
export * from './roles.js';
export * from './actors.js';
export * from './orders.js';
export * from './audit.js';
export * from './api.js';
export * from './channels.js';
export * from './notify.js';
