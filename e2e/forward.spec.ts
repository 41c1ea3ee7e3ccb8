import { apiAs } from "./api-client.ts";
import { expect, test } from "./fixtures.ts";
import { MessageActions } from "./pages/message-actions.ts";
import { PHONE, signInAs, TOUCH } from "./people.ts";

test("select two messages, forward them to another chat; the recipient sees them live with Forwarded from", async ({
  browser,
  request,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const [a, b, c] = [await seedUser(), await seedUser(), await seedUser()];
  const [alice, bob, carol] = [await apiAs(request, a), await apiAs(request, b), await apiAs(request, c)];
  const withBob = await alice.post<{ id: number }>("/v1/dialogs", { user_id: bob.id });
  await alice.post<{ id: number }>("/v1/dialogs", { user_id: carol.id });
  for (const text of ["The venue is booked", "Doors open at 7", "Not this one"])
    await bob.post(`/v1/chats/${withBob.id}/messages`, { text });

  const [alicePage, carolPage] = [await signInAs(browser, a), await signInAs(browser, c)];
  await carolPage.app.openChat(a.displayName);
  await alicePage.app.openChat(b.displayName);
  const actions = new MessageActions(alicePage.page, alicePage.app);

  // Select from the menu, then a click on another message adds it.
  await actions.menuAction("The venue is booked", "select");
  await expect(actions.selectionBar.getByTestId("selection-count")).toHaveText("1 selected");
  await alicePage.app.message("Doors open at 7").click();
  await expect(actions.selectionBar.getByTestId("selection-count")).toHaveText("2 selected");
  await expect(alicePage.app.message("Doors open at 7")).toHaveAttribute("data-selected", "true");
  await expect(alicePage.app.message("Not this one")).toHaveAttribute("data-selected", "false");
  await alicePage.page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot("selection-mode-desktop-light", alicePage.page);
  await alicePage.page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot("selection-mode-desktop-dark", alicePage.page);

  await actions.selectionBar.getByTestId("selection-forward").click();
  await expect(actions.forwardDialog).toBeVisible();
  await actions.forwardDialog.getByTestId("forward-search").fill(c.displayName);
  await expect(actions.forwardDialog.getByTestId("forward-target")).toHaveCount(1);
  await saveScreenshot("forward-dialog-desktop-dark", alicePage.page);
  await alicePage.page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot("forward-dialog-desktop-light", alicePage.page);
  await actions.forwardTo(c.displayName);
  await expect(alicePage.page.getByTestId("conversation-notice")).toContainText(
    `Forwarded 2 messages to ${c.displayName}`,
  );
  await expect(actions.selectionBar).toHaveCount(0);

  // Carol's open chat shows both, in order, each saying whose they were.
  for (const text of ["The venue is booked", "Doors open at 7"])
    await expect(carolPage.app.message(text).getByTestId("message-forwarded")).toHaveText(
      `Forwarded from ${b.displayName}`,
    );
  await expect(carolPage.app.message("Not this one")).toHaveCount(0);
  const order = await carolPage.app.messages.getByTestId("message-text").allTextContents();
  expect(order).toEqual(["The venue is booked", "Doors open at 7"]);
  await saveScreenshot("forwarded-messages-desktop-light", carolPage.page);

  // On a phone: long press → Select, a tap adds one, then the forward dialog.
  const phone = await signInAs(browser, a, PHONE, TOUCH);
  await phone.app.openChat(b.displayName);
  const phoneActions = new MessageActions(phone.page, phone.app);
  await phoneActions.menuAction("Doors open at 7", "select", true);
  await phone.app.message("Not this one").tap();
  await expect(phoneActions.selectionBar.getByTestId("selection-count")).toHaveText("2 selected");
  await phone.page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot("selection-mode-mobile-light", phone.page);
  await phone.page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot("selection-mode-mobile-dark", phone.page);
  await phoneActions.selectionBar.getByTestId("selection-forward").tap();
  await expect(phoneActions.forwardDialog.getByTestId("forward-target")).toHaveCount(2);
  await saveScreenshot("forward-dialog-mobile-dark", phone.page);
  await phone.page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot("forward-dialog-mobile-light", phone.page);
  await phoneActions.forwardDialog.getByRole("button", { name: "Cancel" }).tap();
  await phoneActions.selectionBar.getByTestId("selection-cancel").tap();
  await expect(phoneActions.selectionBar).toHaveCount(0);
  await expect(phone.app.composer).toBeVisible();
  for (const p of [alicePage, carolPage, phone]) await p.context.close();
});

test("forward to several chats at once by tapping their boxes; a chat that refuses it is named and stays picked", async ({
  browser,
  request,
  seedUser,
  saveScreenshot,
}) => {
  test.setTimeout(120_000);
  const [a, b, c, d, e] = [
    await seedUser(),
    await seedUser(),
    await seedUser(),
    await seedUser(),
    await seedUser(),
  ];
  const api = (u: typeof a) => apiAs(request, u);
  const [alice, bob, carol, dave, erin] = [
    await api(a),
    await api(b),
    await api(c),
    await api(d),
    await api(e),
  ];
  const withBob = await alice.post<{ id: number }>("/v1/dialogs", { user_id: bob.id });
  const withCarol = await alice.post<{ id: number }>("/v1/dialogs", { user_id: carol.id });
  const withDave = await alice.post<{ id: number }>("/v1/dialogs", { user_id: dave.id });
  await alice.post("/v1/dialogs", { user_id: erin.id });
  await erin.delete("/v1/users/me", { password: e.password });
  await bob.post(`/v1/chats/${withBob.id}/messages`, { text: "Picnic moved to Sunday" });

  const phone = await signInAs(browser, a, PHONE, TOUCH);
  await phone.app.openChat(b.displayName);
  const actions = new MessageActions(phone.page, phone.app);
  const pick = (title: string) =>
    actions.forwardDialog.locator("li").filter({ hasText: title }).getByTestId("forward-pick");
  const send = actions.forwardDialog.getByTestId("forward-send");

  await actions.menuAction("Picnic moved to Sunday", "forward", true);
  await expect(send).toHaveCount(0);
  await pick(c.displayName).tap();
  await expect(send).toHaveText(`Forward to ${c.displayName}`);
  await pick(d.displayName).tap();
  await expect(send).toHaveText("Forward to 2 chats");
  await phone.page.emulateMedia({ colorScheme: "light" });
  await saveScreenshot("forward-several-mobile-light", phone.page);
  await send.tap();
  await expect(actions.forwardDialog).toBeHidden();
  await expect(phone.page.getByTestId("conversation-notice")).toContainText("Forwarded 1 message to 2 chats");

  // Again, to Carol and to the deleted account: Carol gets it, the other is named and stays picked.
  await actions.menuAction("Picnic moved to Sunday", "forward", true);
  await pick("Deleted account").tap();
  await pick(c.displayName).tap();
  await send.tap();
  const alert = actions.forwardDialog.getByRole("alert");
  await expect(alert).toContainText(`Forwarded to ${c.displayName}.`);
  await expect(alert).toContainText("Not forwarded to Deleted account: This account was deleted");
  await expect(pick("Deleted account")).toBeChecked();
  await expect(pick(c.displayName)).not.toBeChecked();
  await expect(send).toHaveText("Forward to Deleted account");
  await phone.page.emulateMedia({ colorScheme: "dark" });
  await saveScreenshot("forward-several-refused-mobile-dark", phone.page);
  await actions.forwardDialog.getByRole("button", { name: "Cancel" }).tap();

  const copies = async (who: typeof carol, chatId: number) =>
    (
      await who.get<{ text: string; forwarded_from: { user_id: number } | null }[]>(
        `/v1/chats/${chatId}/messages`,
      )
    ).filter((m) => m.text === "Picnic moved to Sunday" && m.forwarded_from?.user_id === bob.id).length;
  expect(await copies(carol, withCarol.id)).toBe(2);
  expect(await copies(dave, withDave.id)).toBe(1);
  await phone.context.close();
});

test("delete for me from the menu: gone for me on every device, still there for the other person", async ({
  browser,
  request,
  seedUser,
}) => {
  test.setTimeout(90_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const [alice, bob] = [await apiAs(request, a), await apiAs(request, b)];
  const dialog = await alice.post<{ id: number }>("/v1/dialogs", { user_id: bob.id });
  await bob.post(`/v1/chats/${dialog.id}/messages`, { text: "Keep this one" });
  await bob.post(`/v1/chats/${dialog.id}/messages`, { text: "I regret this" });
  const [first, second, bobPage] = [
    await signInAs(browser, a),
    await signInAs(browser, a),
    await signInAs(browser, b),
  ];
  for (const p of [first, second]) await p.app.openChat(b.displayName);
  await bobPage.app.openChat(a.displayName);
  const actions = new MessageActions(first.page, first.app);
  await actions.menuAction("I regret this", "delete");
  // Someone else's message: only "for me".
  await expect(first.page.getByTestId("delete-for-everyone")).toHaveCount(0);
  await first.page.getByTestId("delete-for-me").click();
  for (const p of [first, second]) {
    await expect(p.app.message("I regret this")).toHaveCount(0);
    await expect(p.app.message("Keep this one")).toBeVisible();
  }
  await expect(bobPage.app.message("I regret this")).toBeVisible();
  await expect(first.app.chatRow(b.displayName)).toContainText("Keep this one");
  for (const p of [first, second, bobPage]) await p.context.close();
});
