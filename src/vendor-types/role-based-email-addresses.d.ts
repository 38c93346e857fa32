// The package ships no types: its default export is the list of role local parts.
declare module 'role-based-email-addresses' {
  const roles: string[];
  export = roles;
}
