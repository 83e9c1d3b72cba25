/** Notifications (issue 4): what other modules use. */
export { enqueueNotification, DEFAULT_SMS_TARGET, type NotificationAddress, type NotificationRequest, type EnqueuedNotification } from './outbox.js';
export { NotifyService } from './service.js';
export { NotifyWorker, type RunSummary } from './worker.js';
export { TemplateRegistry, BUILT_IN_TEMPLATES, type NotifyTemplate, type TemplateVariables } from './templates.js';
export { DEFAULT_QUIET_HOURS, inQuietHours, nextAllowedSendTime } from './quiet-hours.js';
export { DEFAULT_NOTIFY_SETTINGS, readNotifySettings } from './settings.js';
export { notifyHandlers } from './handlers.js';
