/** Version reviews (pure): requests and their status, the Sign-offs report, README lines, export. */
export * from './model';
export * from './report';
export * from './export';
export * from './reconcile';
