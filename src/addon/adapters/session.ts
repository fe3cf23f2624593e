/**
 * Who is running the add-on. Identity comes from Session on the server, never from the sidebar.
 */
export function currentUserEmail(): string | null {
  // getEmail() is empty when Google does not share the address (e.g. a user of another domain).
  const email = Session.getActiveUser().getEmail();
  return email ? email : null;
}
