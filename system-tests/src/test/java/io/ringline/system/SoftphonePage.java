package io.ringline.system;

import static org.awaitility.Awaitility.await;

import io.ringline.system.browser.Chromium;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/** The /chat page as a keyboard user drives it, plus the page's own test hooks ({@code window.ringline}). */
final class SoftphonePage {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final Chromium browser;
    private final ChromeDriver driver;
    private final String gatewayUrl;

    SoftphonePage(Chromium browser, String gatewayUrl) {
        this.browser = browser;
        this.driver = browser.driver();
        this.gatewayUrl = gatewayUrl;
    }

    SoftphonePage open() {
        driver.get(gatewayUrl + "/chat");
        await().atMost(WAIT).until(() -> "signin".equals(body("view")) || "phone".equals(body("view")));
        return this;
    }

    /** Types the key where the page put the focus and presses Enter. */
    SoftphonePage signIn(String key) {
        focused().sendKeys(key, Keys.ENTER);
        return this;
    }

    SoftphonePage awaitSignedIn() {
        await().atMost(WAIT).until(() -> "phone".equals(body("view")) && Boolean.TRUE.equals(state().get("signedIn")));
        return this;
    }

    /** The sign-in error once it says {@code expected}. */
    String signInError(String expected) {
        return awaitText("signin-error", expected);
    }

    /** After signing in the focus is in the dialer: type the number, press Enter. */
    void dial(String e164) {
        WebElement to = driver.findElement(By.id("to"));
        to.clear();
        to.sendKeys(e164, Keys.ENTER);
    }

    /** The dialer's error once it says {@code expected}. */
    String dialError(String expected) {
        return awaitText("dial-error", expected);
    }

    private String awaitText(String id, String expected) {
        await().atMost(WAIT).until(() -> {
            WebElement element = driver.findElement(By.id(id));
            return element.isDisplayed() && element.getText().contains(expected);
        });
        return driver.findElement(By.id(id)).getText();
    }

    String callingDisabledMessage() {
        await().atMost(WAIT).until(() -> driver.findElement(By.id("calling-disabled")).isDisplayed());
        return driver.findElement(By.id("calling-disabled")).getText();
    }

    boolean callButtonEnabled() {
        return driver.findElement(By.id("call")).isEnabled();
    }

    /** The ringing dialog is up, the ring tone plays, and the focus is on Answer. */
    void awaitRinging() {
        await().atMost(WAIT).until(() -> "true".equals(body("ringing"))
                && Boolean.TRUE.equals(state().get("ringing")));
    }

    String incomingPeer() {
        return driver.findElement(By.id("incoming-peer")).getText();
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    String focusedId() {
        return focused().getAttribute("id");
    }

    void press(CharSequence key) {
        focused().sendKeys(key);
    }

    /** The call in progress (id, status) once the page knows its id. */
    @SuppressWarnings("unchecked")
    Map<String, Object> activeCall() {
        return (Map<String, Object>) state().get("active");
    }

    String awaitActiveCallId() {
        await().atMost(WAIT).until(() -> activeCall() != null && activeCall().get("id") != null);
        return (String) activeCall().get("id");
    }

    void awaitConnected() {
        await().atMost(WAIT).until(() -> activeCall() != null && "ACCEPTED".equals(activeCall().get("status")));
    }

    void awaitNoActiveCall() {
        await().atMost(WAIT).until(() -> activeCall() == null);
    }

    /** The page's media figures for the call in progress (or the last one). */
    @SuppressWarnings("unchecked")
    Map<String, Object> stats() {
        Object stats = ((JavascriptExecutor) driver).executeScript("return window.ringline.stats();");
        return stats == null ? Map.of() : (Map<String, Object>) stats;
    }

    static long number(Map<String, Object> stats, String key) {
        Object value = stats.get(key);
        return value instanceof Number n ? n.longValue() : 0;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> state() {
        return (Map<String, Object>) ((JavascriptExecutor) driver).executeScript("return window.ringline.state();");
    }

    /** The list row of a call, as shown: its status text and data-status; null when not listed. */
    String rowStatus(String callId) {
        // Read in one script: the list is re-rendered while calls are live, so element handles go stale.
        return (String) driver.executeScript("const row = document.querySelector(`#calls-body tr[data-call-id='${"
                + "arguments[0]}']`); return row ? row.dataset.status : null;", callId);
    }

    String rowText(String callId) {
        return (String) driver.executeScript("const row = document.querySelector(`#calls-body tr[data-call-id='${"
                + "arguments[0]}']`); return row ? row.innerText : null;", callId);
    }

    void awaitRow(String callId, String status) {
        await().atMost(WAIT).until(() -> Objects.equals(status, rowStatus(callId)));
    }

    boolean emptyListShown() {
        return driver.findElement(By.id("calls-empty")).isDisplayed();
    }

    /** The page's notice once it says {@code expected}. */
    String notice(String expected) {
        return awaitText("notice-text", expected);
    }

    String body(String data) {
        return driver.findElement(By.tagName("body")).getAttribute("data-" + data);
    }

    void screenshot(String name) {
        browser.screenshot(name);
    }
}
