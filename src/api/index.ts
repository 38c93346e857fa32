// Every API shape, for the faces (dashboard, sidebars) to import from one place.
export * from './core-schemas';
export * from './user-api';
export * from './admin-api';
export * from './sidebar-api';
export * from './mailbox-api';
export * from './meeting-api';
export * from './google-meeting-api';
export * from './compose-api';
export * from './contact-details-api';
