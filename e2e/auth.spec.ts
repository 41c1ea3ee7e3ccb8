import { expect, newUser, test } from "./fixtures.ts";

test("signs up, verifies the e-mail code, signs out and signs in again", async ({
  page,
  signUpPage,
  verifyPage,
  signInPage,
  homePage,
  mailCode,
  saveScreenshot,
}) => {
  const user = newUser();

  await signUpPage.goto();
  await saveScreenshot("signup");
  await signUpPage.signUp(user);

  await verifyPage.expectLoadedFor(user.email);
  const code = await mailCode(user.email);
  await saveScreenshot("verify");
  await verifyPage.verify(code);

  await homePage.expectSignedInAs(user.displayName);
  await saveScreenshot("signed-in");

  await homePage.signOut();
  await signInPage.expectLoaded();
  // The session is gone: the start page sends us back to sign-in.
  await page.goto("/");
  await signInPage.expectLoaded();
  await saveScreenshot("signin");

  await signInPage.signIn(user.email, user.password);
  await homePage.expectSignedInAs(user.displayName);
});

test("shows why a sign-in fails: wrong password, unverified e-mail", async ({
  page,
  signInPage,
  verifyPage,
  seedUser,
  saveScreenshot,
}) => {
  const verified = await seedUser();
  await signInPage.goto();
  await signInPage.signIn(verified.email, `${verified.password}-wrong`);
  await expect(signInPage.formError).toHaveText("Wrong e-mail or password.");
  await expect(page).toHaveURL((url) => url.pathname === "/signin");
  await saveScreenshot("signin-wrong-password");

  const unverified = await seedUser({ verified: false });
  await signInPage.signIn(unverified.email, unverified.password);
  await expect(signInPage.formError).toContainText("Verify your e-mail first");
  await expect(signInPage.verifyLink).toHaveAttribute(
    "href",
    `/verify?email=${encodeURIComponent(unverified.email)}`,
  );
  await saveScreenshot("signin-unverified");

  await signInPage.verifyLink.click();
  await verifyPage.expectLoadedFor(unverified.email);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

  test("sign-in and signed-in pages fit the screen", async ({
    page,
    signInPage,
    homePage,
    seedUser,
    saveScreenshot,
  }) => {
    const user = await seedUser();
    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

    await signInPage.goto();
    expect(await noSideways()).toBe(true);
    await saveScreenshot("signin-mobile");

    await signInPage.signIn(user.email, user.password);
    await homePage.expectSignedInAs(user.displayName);
    expect(await noSideways()).toBe(true);
    await saveScreenshot("signed-in-mobile");
  });
});
