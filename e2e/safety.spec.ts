import type { Page } from "@playwright/test";
import { type ApiUser, apiAs } from "./api-client.ts";
import { expect, test } from "./fixtures.ts";
import { AdminPage, type AdminTab } from "./pages/admin-page.ts";
import { SignInPage } from "./pages/sign-in-page.ts";
import { PHONE, signInAs, signInToDialog, TOUCH } from "./people.ts";
import { longPress } from "./touch.ts";

const DESKTOP = { width: 1440, height: 900 };

/** Anything wider than the screen: the page scrolls sideways. */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test("a member reports a message, the agent judges it, an admin warns and bans the author, whose open browser is signed out", async ({
  browser,
  seedUser,
  seedAdmin,
  saveScreenshot,
}) => {
  test.setTimeout(240_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const adminUser = await seedAdmin();

  // Alice (the author) keeps her browser open on the chat the whole time.
  const alice = await signInToDialog(browser, a, b);
  await alice.app.send("Hi Bob, long time no see");
  const spam = `FREE followers!!! Click http://cheap-followers.example/deal now and http://cheap-followers.example/win ${Date.now()}`;
  await alice.app.send(spam);

  // Bob reports it from the desktop toolbar, with a reason and a comment.
  const bob = await signInAs(browser, b);
  await bob.app.openChat(a.displayName);
  await bob.app.messageAction(spam, "report");
  const dialog = bob.page.getByTestId("report-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("report-submit")).toBeDisabled();
  await dialog.getByTestId("report-reason-spam").check();
  await dialog.getByTestId("report-comment").fill("Sends this to everyone in every group");
  await bob.page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot("report-dialog-desktop-light", bob.page);
  await bob.page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot("report-dialog-desktop-dark", bob.page);
  await dialog.getByTestId("report-submit").click();
  await expect(dialog.getByTestId("report-sent")).toContainText("Thanks — our moderators will review it.");
  await dialog.getByTestId("report-done").click();
  await expect(dialog).toBeHidden();

  // The admin finds the adminConsole from the chat list and waits for the agent's verdict on the report.
  const admin = await signInAs(browser, adminUser);
  await admin.page.getByTestId("open-admin").click();
  const adminConsole = new AdminPage(admin.page);
  await expect(adminConsole.heading).toBeVisible();
  // Whatever the verdict did to the report (kept it open, or still queued), "all" lists it.
  await admin.page.getByTestId("reports-status-filter").selectOption("all");
  const card = adminConsole.reportOf(spam);
  await expect(card.getByTestId("verdict-view")).toBeVisible({ timeout: 90_000 });
  await expect(card.getByTestId("report-reason")).toHaveText("Spam");
  await expect(card.getByTestId("report-comment")).toHaveText("Sends this to everyone in every group");
  await expect(card.getByTestId("report-reporter")).toContainText(b.displayName);
  await expect(card.getByTestId("context-message")).toContainText(["Hi Bob, long time no see"]);
  const verdict = (await card.getByTestId("verdict").textContent())?.trim();
  expect(["review", "block"]).toContain(verdict);
  await expect(card).toHaveAttribute("data-status", "open");
  if (verdict === "block") {
    // A block verdict removes the message for everyone in the chat at once, pending review.
    await expect(bob.app.messages.filter({ hasText: "Message removed by moderation" })).toHaveCount(1);
    await expect(bob.app.message(spam)).toHaveCount(0);
  }

  // A warning from People reaches Alice's open app live; dismissing it acknowledges it.
  const detail = await adminConsole.openPerson(a.username);
  await detail.getByTestId("person-warn").click();
  await adminConsole.confirmWithReason("Please stop sending advertising to people.");
  const notice = alice.page.getByTestId("warning-notice");
  await expect(notice.getByTestId("warning-reason")).toHaveText("Please stop sending advertising to people.");
  await alice.page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot("warning-notice", alice.page);
  await notice.getByTestId("warning-ack").click();
  await expect(notice).toBeHidden();

  // Alice also signed in on another browser, which is not showing stu when the ban comes.
  const aliceElsewhere = await signInAs(browser, a);
  await aliceElsewhere.page.goto("about:blank");

  // One click on the report: Ban, with a reason.
  await adminConsole.tab("reports");
  await admin.page.getByTestId("reports-status-filter").selectOption("all");
  await card.getByTestId("report-ban").click();
  await adminConsole.confirmWithReason("Spam after a warning");
  await expect(card).toHaveAttribute("data-status", "resolved");
  await expect(card.getByTestId("report-resolution")).toContainText("Banned");

  // Alice's open browser is signed out and told why; signing in again is refused the same way.
  const aliceSignIn = new SignInPage(alice.page);
  await aliceSignIn.expectLoaded();
  await expect(alice.page.getByTestId("signin-banned")).toHaveText("This account has been banned.");
  await saveScreenshot("signin-banned", alice.page);
  await aliceSignIn.signIn(a.email, a.password);
  await expect(alice.page.getByTestId("signin-banned")).toHaveText("This account has been banned.");

  // Opening stu there later lands on the sign-in page, told why too.
  await aliceElsewhere.page.goto("/");
  await expect(aliceElsewhere.page.getByTestId("signin-banned")).toHaveText("This account has been banned.");

  // The record: the ban in People, the verdict and the ban in the audit log, and the chain holds.
  await adminConsole.openPerson(a.username);
  await expect(admin.page.getByTestId("person-detail-banned")).toBeVisible();
  await adminConsole.tab("audit");
  await expect(
    admin.page.locator('[data-testid="audit-entry"][data-action="verdict"]').first(),
  ).toBeVisible();
  await expect(
    admin.page.locator('[data-testid="audit-entry"][data-action="ban_user"]').first(),
  ).toContainText("Spam after a warning");
  await admin.page.getByTestId("audit-verify").click();
  await expect(admin.page.getByTestId("audit-verify-result")).toHaveAttribute("data-ok", "true");

  await adminConsole.tab("dashboard");
  await expect(admin.page.getByTestId("stat-users-value")).not.toHaveText("0");
  // Charts, not tables: each has a dated x axis (e.g. "2 Dec") and a y axis.
  for (const chart of ["chart-messages", "chart-active", "chart-new-users"]) {
    const figure = admin.page.getByTestId(chart);
    await expect(figure.locator(".recharts-xAxis-tick-labels text").first()).toHaveText(
      /^(\d{1,2} [A-Z][a-z]{2}|[A-Z][a-z]{2} \d{1,2})$/,
    );
    await expect(figure.locator(".recharts-yAxis-tick-labels text").first()).toBeVisible();
  }

  for (const p of [alice, aliceElsewhere, bob, admin]) await p.context.close();
});

test("blocking someone from their profile: their new messages stop reaching you; Settings lists and unblocks them", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  await alice.app.send("Before the block");
  const bob = await signInAs(browser, b);
  await bob.app.openChat(a.displayName);
  await expect(bob.app.message("Before the block")).toBeVisible();
  await bob.app.send("Please stop writing to me");
  await expect(alice.app.message("Please stop writing to me")).toBeVisible();

  // The profile (chat info) has Block, which asks first.
  await bob.page.getByTestId("open-chat-info").click();
  const block = bob.page.getByTestId("chat-info").getByTestId("person-block");
  await expect(block).toHaveText("Block");
  await saveScreenshot("profile-actions", bob.page);
  await block.click();
  await bob.page.getByTestId("confirm-dialog").getByTestId("confirm-ok").click();
  await expect(block).toHaveAttribute("data-blocked", "true");
  await expect(block).toHaveText("Unblock");

  // Alice can still send (her view is unchanged), but Bob gets nothing, live or after a reload.
  await alice.app.send("After the block");
  await expect(alice.app.statusOf("After the block")).toHaveAttribute("data-status", /sent|delivered|read/);
  await bob.page.waitForTimeout(1_500);
  await expect(bob.app.message("After the block")).toHaveCount(0);
  await bob.page.reload();
  await bob.app.expectOnline();
  await expect(bob.app.message("Please stop writing to me")).toBeVisible();
  await expect(bob.app.message("After the block")).toHaveCount(0);

  // Settings lists her; Unblock there lets her messages through again.
  await bob.page.goto("/settings");
  const row = bob.page.locator(`[data-testid="blocked-row"][data-username="${a.username}"]`);
  await expect(row).toContainText(a.displayName);
  await bob.page.getByTestId("settings-blocked").screenshot({ path: "e2e/screenshots/settings-blocked.png" });
  await row.getByTestId("unblock").click();
  await expect(bob.page.getByTestId("blocked-empty")).toBeVisible();
  await bob.page.goto("/");
  await bob.app.openChat(a.displayName);
  await alice.app.send("After the unblock");
  await expect(bob.app.message("After the unblock")).toBeVisible();

  // Not an admin: no adminConsole link, and /admin does not exist for him.
  await expect(bob.page.getByTestId("open-admin")).toHaveCount(0);
  const res = await bob.page.goto("/admin");
  expect(res?.status()).toBe(404);
  for (const p of [alice, bob]) await p.context.close();
});

test("on a phone, a long press on a message offers Report, and the report dialog fits the screen", async ({
  browser,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  const text = "You will regret this, I know where you live";
  await alice.app.send(text);

  const bob = await signInAs(browser, b, PHONE, TOUCH);
  await bob.app.openChat(a.displayName);
  await longPress(bob.page, bob.app.message(text).getByTestId("message-bubble"));
  const menu = bob.page.getByRole("dialog", { name: "Message actions" });
  await expect(menu).toBeVisible();
  await menu.getByRole("button", { name: "Report" }).tap();
  await expect(menu).toBeHidden();

  const dialog = bob.page.getByTestId("report-dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("report-reason-harassment").tap();
  await dialog.getByTestId("report-comment").fill("A threat");
  const box = await dialog.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
  expect(await sidewaysOverflow(bob.page)).toBeLessThanOrEqual(0);
  for (const scheme of ["light", "dark"] as const) {
    await bob.page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(`report-dialog-mobile-${scheme}`, bob.page);
  }
  await dialog.getByTestId("report-submit").tap();
  await expect(dialog.getByTestId("report-sent")).toContainText("Thanks — our moderators will review it.");
  await dialog.getByTestId("report-done").tap();
  await expect(dialog).toBeHidden();
  for (const p of [alice, bob]) await p.context.close();
});

const INSULT = "You are all idiots, nobody asked for your stupid opinions. Shut up.";

test("the admin console at 1440 and 375 px, light and dark: nothing sticks out sideways", async ({
  browser,
  request,
  seedUser,
  seedAdmin,
  saveScreenshot,
}) => {
  test.setTimeout(180_000);
  const [a, b, c] = [await seedUser(), await seedUser(), await seedUser()];
  const [alice, bob, carol] = [await apiAs(request, a), await apiAs(request, b), await apiAs(request, c)];
  // A group where Alice insults people, reported by Bob (the message) and Carol (Alice herself).
  const group = await alice.post<{ id: number }>("/v1/chats", {
    type: "group",
    title: "Book club",
    members: [bob.id, carol.id],
  });
  const say = (who: ApiUser, text: string) =>
    who.post<{ id: number }>(`/v1/chats/${group.id}/messages`, { text });
  await say(alice, "Has everyone finished chapter 3?");
  await say(bob, "Almost, two pages left. The ending is great so far!");
  await say(carol, "Done. I did not expect the letter at the end.");
  const insult = await say(alice, INSULT);
  await bob.post("/v1/reports", {
    message_id: insult.id,
    reason: "harassment",
    comment: "Insults the whole group",
  });
  await carol.post("/v1/reports", {
    user_id: alice.id,
    reason: "harassment",
    comment: "She does this every week",
  });

  const admin = await signInAs(browser, await seedAdmin());
  const adminConsole = new AdminPage(admin.page);
  await adminConsole.goto("reports");
  // Both judged by the agent: no card is left waiting for it.
  await expect(adminConsole.reports.filter({ hasText: "She does this every week" })).toHaveCount(1, {
    timeout: 60_000,
  });
  await expect(
    adminConsole.reportOf("You are all idiots, nobody asked for your stupid opinions. Shut up."),
  ).toHaveCount(1);
  await expect(admin.page.getByTestId("verdict-pending")).toHaveCount(0, { timeout: 60_000 });

  const shots: Array<{ tab: AdminTab; name: string }> = [
    { tab: "dashboard", name: "admin-dashboard" },
    { tab: "reports", name: "admin-reports" },
    { tab: "people", name: "admin-people" },
    { tab: "audit", name: "admin-audit" },
  ];
  for (const viewport of [DESKTOP, PHONE]) {
    await admin.page.setViewportSize(viewport);
    for (const { tab, name } of shots) {
      await adminConsole.goto(tab);
      if (tab === "dashboard") await expect(admin.page.locator(".recharts-area-curve").first()).toBeVisible();
      if (tab === "reports") await expect(adminConsole.reportOf(INSULT)).toBeVisible();
      if (tab === "people") {
        await admin.page.locator(`[data-testid="admin-person-row"][data-username="${a.username}"]`).click();
        await expect(admin.page.getByTestId("person-detail")).toContainText(a.email);
      }
      if (tab === "audit") {
        await admin.page.getByTestId("audit-verify").click();
        await expect(admin.page.getByTestId("audit-verify-result")).toHaveAttribute("data-ok", "true");
      }
      for (const scheme of ["light", "dark"] as const) {
        await admin.page.emulateMedia({ colorScheme: scheme });
        expect(await sidewaysOverflow(admin.page), `${tab} at ${viewport.width} px`).toBeLessThanOrEqual(0);
        await saveScreenshot(`${name}-${viewport === PHONE ? "mobile" : "desktop"}-${scheme}`, admin.page);
      }
    }
  }
  await admin.context.close();
});
