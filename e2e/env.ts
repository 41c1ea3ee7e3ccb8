/** Ports and URLs shared by playwright.config.ts (which starts the servers) and the tests. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_PG_PORT = Number(process.env.E2E_PG_PORT ?? 55439);
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 2525);
export const E2E_MAIL_HTTP_PORT = Number(process.env.E2E_MAIL_HTTP_PORT ?? 2580);
/** The UDP/TCP port of the coturn a call test starts with e2e/turn.ts (the app's TURN_URLS point at it). */
export const E2E_TURN_PORT = Number(process.env.E2E_TURN_PORT ?? 3479);
/** The local web site e2e/link-preview.spec.ts serves pages from; the app may fetch previews from it (test-only setting). */
export const E2E_PREVIEW_PORT = Number(process.env.E2E_PREVIEW_PORT ?? E2E_PORT + 50);
/** coturn's static-auth-secret and the app's TURN_SECRET in e2e runs: fixed, both sides must agree. */
export const E2E_TURN_SECRET = "stu-e2e-turn-secret";
export const E2E_TURN_URL = `turn:127.0.0.1:${E2E_TURN_PORT}?transport=udp`;

/** Debian's Chromium as every spec launches it (playwright.config.ts); call specs add fake media devices. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Must be exactly APP_URL: the app's cookies and Origin checks are bound to it (127.0.0.1, not localhost). */
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const MAIL_URL = `http://127.0.0.1:${E2E_MAIL_HTTP_PORT}`;

/** The e2e server's admin (ADMIN_EMAILS): one account per run, created by the first test that needs it. */
export const E2E_ADMIN = {
  email: "admin@stu.test",
  username: "e2e_admin",
  displayName: "E2E Admin",
  password: "e2e-admin-password",
};
