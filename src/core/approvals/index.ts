/** Approvals: the approver list with its change history, and the sign-off log (pure). */
export * from './emails';
export * from './approvers';
export * from './sign-offs';
