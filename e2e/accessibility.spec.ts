import { expect, test } from "./fixtures.ts";
import { signInAs, signInToDialog } from "./people.ts";

test("a field is named by its label alone; its hint or error is its description, read once", async ({
  page,
  signUpPage,
}) => {
  await signUpPage.goto();
  await expect(signUpPage.username).toHaveAccessibleName("Username");
  await expect(signUpPage.username).toHaveAccessibleDescription(
    "Optional: 3–32 letters, digits or _, starting with a letter.",
  );
  await expect(signUpPage.password).toHaveAccessibleName("Password");
  await expect(signUpPage.password).toHaveAccessibleDescription("At least 8 characters.");
  await expect(signUpPage.email).toHaveAccessibleName("E-mail");
  await expect(signUpPage.email).toHaveAccessibleDescription("");

  // An error replaces the hint as the description; the name stays the label.
  await signUpPage.fill({ email: "someone@example.test", username: "9lives", password: "long enough pw" });
  await signUpPage.submit.click();
  await expect(signUpPage.username).toHaveAttribute("aria-invalid", "true");
  await expect(signUpPage.username).toHaveAccessibleName("Username");
  await expect(signUpPage.username).toHaveAccessibleDescription(/must be 3-32 letters/);
  await expect(page.getByText("Optional: 3–32 letters")).toHaveCount(0);
});

test("the conversation header is named by the chat; presence and typing are its description", async ({
  browser,
  seedUser,
}) => {
  test.setTimeout(60_000);
  const [a, b] = [await seedUser(), await seedUser()];
  const alice = await signInToDialog(browser, a, b);
  const header = alice.page.getByRole("button", { name: b.displayName, exact: true });
  await expect(header).toHaveAccessibleName(b.displayName);
  await expect(header).toHaveAccessibleDescription(/^last seen/);

  const bob = await signInAs(browser, b);
  await expect(header).toHaveAccessibleDescription("online");
  await bob.app.openChat(a.displayName);
  await bob.app.composer.pressSequentially("Hello", { delay: 30 });
  await expect(header).toHaveAccessibleDescription("typing…");
  await expect(header).toHaveAccessibleName(b.displayName);
  for (const p of [alice, bob]) await p.context.close();
});
