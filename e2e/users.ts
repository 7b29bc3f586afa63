// The users e2e/prepare-database.ts creates for the e2e run.
export const ADMIN = { username: "admin", password: "Admin-Passw0rd!" } as const;
export const HELPDESK = { username: "helpdesk", password: "Helpdesk-Passw0rd!" } as const;
