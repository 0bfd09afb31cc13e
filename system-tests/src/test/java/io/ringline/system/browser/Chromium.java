package io.ringline.system.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven through its own chromedriver (nothing is downloaded). Its fake microphone
 * plays a WAV file of a known tone ({@link #MICROPHONE_TONE_HZ}), so what the page sends can be recognised at the
 * other end. A browser that cannot be found skips the test with a message saying so — unless
 * {@code -Dringline.browser.required=true} (CI), where it fails instead.
 */
public final class Chromium implements AutoCloseable {

    public static final int MICROPHONE_TONE_HZ = 880;
    private static final Path BROWSER = Path.of(System.getenv().getOrDefault("RINGLINE_CHROMIUM", "/usr/bin/chromium"));
    private static final Path DRIVER =
            Path.of(System.getenv().getOrDefault("RINGLINE_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path WORK = Path.of("target", "browser");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String name;

    private Chromium(ChromeDriver driver, Path profile, String name) {
        this.driver = driver;
        this.profile = profile;
        this.name = name;
    }

    /**
     * A fresh browser (own profile, own session storage); skips or fails the test when there is none. Its console
     * is saved to {@code target/browser/<name>.console.log} when it closes.
     */
    public static Chromium start(String name) {
        String missing = !Files.isExecutable(BROWSER) ? BROWSER.toString()
                : !Files.isExecutable(DRIVER) ? DRIVER.toString() : null;
        if (missing != null) {
            String message = "No Chromium for the browser tests: " + missing + " is missing. Install it with "
                    + "`apt-get install -y chromium chromium-driver` (`.ci/run` does), or point RINGLINE_CHROMIUM / "
                    + "RINGLINE_CHROMEDRIVER at one.";
            if (Boolean.getBoolean("ringline.browser.required")) {
                Assertions.fail(message);
            }
            Assumptions.abort(message);
        }
        try {
            Files.createDirectories(WORK);
            Path tone = toneFile();
            Path profile = Files.createTempDirectory(WORK, "profile-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            options.addArguments(List.of(
                    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-quic", "--disable-extensions", "--disable-default-apps",
                    "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                    "--use-file-for-fake-audio-capture=" + tone.toAbsolutePath(),
                    "--autoplay-policy=no-user-gesture-required",
                    // Candidates on loopback too, and as plain addresses (the sandbox's peer cannot resolve mDNS).
                    "--allow-loopback-in-peer-connection",
                    "--disable-features=WebRtcHideLocalIpsWithMdns",
                    "--window-size=1280,1000",
                    "--user-data-dir=" + profile.toAbsolutePath()));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogFile(WORK.resolve("chromedriver.log").toFile())
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            return new Chromium(driver, profile, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Saves what the page shows now as {@code target/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            saveConsole();
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private void saveConsole() {
        try {
            StringBuilder console = new StringBuilder();
            driver.manage().logs().get(LogType.BROWSER).forEach(entry -> console.append(entry).append('\n'));
            Files.writeString(WORK.resolve(name + ".console.log"), console);
        } catch (RuntimeException | IOException e) {
            // the console is a debugging aid; a browser that cannot give it still closes
        }
    }

    /** Ten seconds of a pure tone, 48 kHz mono PCM16 WAV; Chromium loops it. */
    private static synchronized Path toneFile() throws IOException {
        Path file = WORK.resolve("tone-" + MICROPHONE_TONE_HZ + "hz.wav");
        if (Files.exists(file)) {
            return file;
        }
        int rate = 48_000;
        int samples = rate * 10;
        ByteBuffer wav = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate)
                .putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            wav.putShort((short) Math.round(0.3 * Short.MAX_VALUE * Math.sin(2 * Math.PI * MICROPHONE_TONE_HZ * i / rate)));
        }
        Path temp = Files.createTempFile(WORK, "tone-", ".wav");
        Files.write(temp, wav.array());
        Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a profile left in target/ is harmless
        }
    }
}
