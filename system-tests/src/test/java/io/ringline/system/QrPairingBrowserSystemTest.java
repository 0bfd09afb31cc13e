package io.ringline.system;

import static io.ringline.system.SoftphonePage.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ringline.devstack.DemoTenant;
import io.ringline.system.browser.Chromium;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * From nothing to talking: a tenant adds an Evolution GO number whose instance is not paired, the pairing page shows
 * the QR code the instance shows (and follows it as the instance replaces it), a phone scans it (the sandbox's
 * control API, with the very code on the page), the page sees the number connected, makes a number key and opens
 * the softphone, which places a call on the new number.
 */
class QrPairingBrowserSystemTest {

    private static DemoTenant demo;
    private static PlatformClient client;

    @BeforeAll
    static void platform() {
        demo = SharedPlatform.get().demo();
        client = new PlatformClient(demo);
    }

    @Test
    void anUnpairedEvoGoNumberIsPairedByQrCodeFromThePageAndThenCalls() {
        String instance = "pair-" + UUID.randomUUID().toString().substring(0, 8);
        String token = "go_" + UUID.randomUUID();
        String phone = "+55119710" + String.valueOf(Math.abs(UUID.randomUUID().getLeastSignificantBits())).substring(0, 5);
        Http.Response provisioned = Http.put(demo.sandboxUrl() + "/sandbox/evogo/instances/" + instance, Map.of(
                "token", token, "phone", phone, "webhookUrl", demo.sandboxUrl() + "/sandbox/webhook-sink/unpaired",
                "connected", false));
        assertThat(provisioned.status()).as(provisioned.body()).isEqualTo(201);

        try (Chromium browser = Chromium.start("qr-pairing")) {
            ChromeDriver driver = browser.driver();
            driver.get(demo.gatewayUrl() + "/chat/pair.html");
            await().atMost(WAIT).until(() -> "key".equals(active(driver).getAttribute("id")));
            active(driver).sendKeys(demo.tenantApiKey(), Keys.ENTER);
            await().atMost(WAIT).until(() -> "choose".equals(pairing(driver).get("view")));

            // Added without a paired instance, from the page.
            driver.findElement(By.id("add-phone")).sendKeys(phone);
            driver.findElement(By.id("add-base")).sendKeys(demo.sandboxUrl() + "/evogo/" + instance);
            driver.findElement(By.id("add-instance")).sendKeys(instance);
            driver.findElement(By.id("add-token")).sendKeys(token, Keys.ENTER);

            await().atMost(WAIT).until(() -> "PAIRING".equals(pairing(driver).get("state"))
                    && pairing(driver).get("payload") != null);
            WebElement image = driver.findElement(By.id("qr-image"));
            assertThat(image.isDisplayed()).isTrue();
            assertThat(image.getAttribute("alt")).contains(phone);
            assertThat(((Number) ((JavascriptExecutor) driver).executeScript(
                    "return document.getElementById('qr-image').naturalWidth;")).intValue()).isGreaterThan(100);
            String first = (String) pairing(driver).get("payload");
            assertThat(first).startsWith("2@");
            browser.screenshot("pairing-qr");

            // The instance replaces its code (every 3 s in the system tests); the page follows.
            await().atMost(WAIT).until(() -> !first.equals(pairing(driver).get("payload")));
            assertThat(((Number) pairing(driver).get("refreshes")).intValue()).isGreaterThanOrEqualTo(1);

            // The phone scans what the page shows; a code that rotated meanwhile is refused, so scan the new one.
            await().atMost(WAIT).until(() -> {
                String shown = (String) pairing(driver).get("payload");
                return Http.post(demo.sandboxUrl() + "/sandbox/instances/" + instance + "/scan", Map.of(),
                        Map.of("code", shown)).status() == 200;
            });
            await().atMost(WAIT).until(() -> "CONNECTED".equals(pairing(driver).get("state")));
            assertThat(driver.findElement(By.id("qr")).isDisplayed()).isFalse();
            browser.screenshot("pairing-connected");

            // Ringline pointed the instance's webhook at itself when it started the pairing.
            Http.Response seen = Http.get(demo.sandboxUrl() + "/sandbox/evogo/instances/" + instance, Map.of());
            assertThat(seen.json().path("webhookUrl").asString()).endsWith("/webhooks/evolution-go");
            assertThat(seen.json().path("connected").asBoolean()).isTrue();

            // Number key, softphone, and a call on the number that did not exist a minute ago.
            assertThat(active(driver).getAttribute("id")).isEqualTo("make-key");
            active(driver).sendKeys(Keys.ENTER);
            SoftphonePage page = new SoftphonePage(browser, demo.gatewayUrl()).awaitSignedIn();
            assertThat(page.body("provider")).isEqualTo("EVO_GO");
            String user = "+55119711" + String.valueOf(System.nanoTime()).substring(0, 5);
            client.userBehaves(user, Map.of("onCall", "answer", "afterMs", 300, "hangUpAfterMs", -1));
            page.dial(user);
            page.awaitConnected();
            await().atMost(WAIT).until(() -> SoftphonePage.number(page.stats(), "rxPackets") > 20);
            page.press(Keys.ENTER);
            page.awaitNoActiveCall();
        }
    }

    private static WebElement active(ChromeDriver driver) {
        return driver.switchTo().activeElement();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> pairing(ChromeDriver driver) {
        return (Map<String, Object>) driver.executeScript("return window.ringlinePairing.state();");
    }
}
