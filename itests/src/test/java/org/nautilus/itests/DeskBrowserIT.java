package org.nautilus.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The desk page in a real browser (headless Chromium driven by Selenium) against the assembled distribution started
 * with its own scripts: the first-run step creates the user (bin/nautilus-admin user-add), the page logs in, submits
 * an order, sees it FILLED in the blotter and the position appear without a reload, and the P&L chart draws. The
 * page is served over TLS with the certificate bin/setenv made at first start. The screenshot is saved as
 * target/desk-browser/desk.png.
 */
class DeskBrowserIT {

    /** Ports of their own, so neither a developer's node nor a Pax Exam container meets this one. */
    private static final int HTTP_PORT = 8381;
    private static final Path HOME = Path.of("target", "desk-browser");
    private static final String PASSWORD = "desk-password-1";

    private static Path karaf;
    private static WebDriver browser;

    @BeforeAll
    static void startTheDistributionAndTheBrowser() throws Exception {
        assertThat(new File("/usr/bin/chromium")).as("Chromium is needed: apt-get install chromium chromium-driver")
                .exists();
        assertThat(new File("/usr/bin/chromedriver")).as("chromedriver is needed: apt-get install chromium-driver")
                .exists();
        karaf = unpack(Path.of(System.getProperty("nautilus.distribution")));
        set(karaf.resolve("etc/org.apache.karaf.shell.cfg"), "sshPort", "8301");
        set(karaf.resolve("etc/org.apache.karaf.management.cfg"), "rmiRegistryPort", "1399");
        set(karaf.resolve("etc/org.apache.karaf.management.cfg"), "rmiServerPort", "44744");
        set(karaf.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port", Integer.toString(HTTP_PORT));
        set(karaf.resolve("etc/org.ops4j.pax.web.cfg"), "org.osgi.service.http.port.secure", Integer.toString(HTTP_PORT));
        set(karaf.resolve("etc/nautilus.grid.cfg"), "local.address", "127.0.0.1");
        set(karaf.resolve("etc/nautilus.grid.cfg"), "discovery.port", "49500");
        set(karaf.resolve("etc/nautilus.grid.cfg"), "discovery.addresses", "127.0.0.1:49500..49509");
        set(karaf.resolve("etc/nautilus.grid.cfg"), "communication.port", "49100");

        // The first-run step of the README: a user with a hashed password, before the node starts.
        Process add = new ProcessBuilder("sh", "bin/nautilus-admin", "user-add", "desk", "trader", "risk")
                .directory(karaf.toFile()).redirectErrorStream(true).start();
        add.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
        add.getOutputStream().close();
        String added = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(add.waitFor()).as(added).isZero();
        assertThat(Files.readString(karaf.resolve("etc/users.properties"))).contains("desk = {CRYPT}")
                .doesNotContain(PASSWORD);

        run("bin/start");
        awaitReady();
        // bin/setenv made the self-signed certificate at first start and put its password in the config.
        assertThat(karaf.resolve("etc/nautilus-http.p12")).exists();
        assertThat(Files.readString(karaf.resolve("etc/org.ops4j.pax.web.cfg"))).doesNotContain("GENERATED-AT-FIRST-START");

        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // The node's certificate is self-signed: this browser trusts it as a user who accepted it would.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1440,1100",
                "--ignore-certificate-errors");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (karaf != null) {
            run("bin/stop");
        }
    }

    @Test
    void aTraderLogsInSubmitsAndSeesTheFillThePositionAndTheChartWithoutAReload() throws Exception {
        browser.get("https://127.0.0.1:" + HTTP_PORT + "/desk/index.html");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        // A wrong password is said in words, and nothing opens.
        browser.findElement(By.id("user")).sendKeys("desk");
        browser.findElement(By.id("password")).sendKeys("not-the-password");
        browser.findElement(By.id("login-button")).click();
        wait.until(b -> b.findElement(By.id("error")).isDisplayed());
        assertThat(browser.findElement(By.id("error")).getText()).contains("wrong user name or password");
        assertThat(browser.findElement(By.id("desk")).isDisplayed()).isFalse();

        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-button")).click();
        wait.until(b -> b.findElement(By.id("desk")).isDisplayed());
        assertThat(browser.findElement(By.id("who")).getText()).contains("desk");
        // Survives only if the page is never reloaded.
        js("window.nautilusNoReload = 42;");
        wait.until(b -> b.findElement(By.id("stream-state")).getText().contains("live"));

        WebElement quantity = browser.findElement(By.id("quantity"));
        quantity.clear();
        quantity.sendKeys("7");
        WebElement symbol = browser.findElement(By.id("symbol"));
        symbol.clear();
        symbol.sendKeys("AAPL");
        browser.findElement(By.id("submit")).click();

        // Blotter columns: ID, time, side, qty, symbol, type, price, status, ...; positions: portfolio, symbol, qty, ...
        wait.until(b -> b.findElements(By.cssSelector("#blotter tbody tr")).stream().map(DeskBrowserIT::cells)
                .anyMatch(cells -> cells.size() > 7 && cells.get(3).equals("7") && cells.get(4).equals("AAPL")
                        && cells.get(7).equals("FILLED")));
        wait.until(b -> b.findElements(By.cssSelector("#positions tbody tr")).stream().map(DeskBrowserIT::cells)
                .anyMatch(cells -> cells.size() > 2 && cells.get(1).equals("AAPL") && !cells.get(2).isEmpty()
                        && new java.math.BigDecimal(cells.get(2)).signum() != 0));
        wait.until(b -> ((Number) js("const c = Chart.getChart('pnl-chart');"
                + "return c ? c.getDatasetMeta(0).data.length : 0;")).intValue() >= 2);
        assertThat(js("return window.nautilusNoReload;")).as("the page was never reloaded").isEqualTo(42L);
        assertThat(browser.findElement(By.id("error")).isDisplayed()).as(browser.findElement(By.id("error")).getText())
                .isFalse();

        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path saved = HOME.resolve("desk.png");
        Files.copy(shot.toPath(), saved, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(saved)).isGreaterThan(10_000);
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(td -> td.getText().trim()).toList();
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    /** Unpacks the distribution tar.gz afresh under target/desk-browser and returns its Karaf home. */
    private static Path unpack(Path tarGz) throws Exception {
        assertThat(tarGz).as("the reactor's distribution").exists();
        if (Files.exists(HOME)) {
            try (var old = Files.walk(HOME)) {
                for (Path path : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(HOME);
        run(HOME, "tar", "xzf", tarGz.toAbsolutePath().toString());
        try (var entries = Files.list(HOME)) {
            return entries.filter(Files::isDirectory).findFirst().orElseThrow().toAbsolutePath();
        }
    }

    /** Sets {@code key = value} in a Karaf .cfg file, replacing the key's line or adding one. */
    private static void set(Path file, String key, String value) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        Pattern line = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=.*");
        boolean replaced = false;
        for (int i = 0; i < lines.size(); i++) {
            if (line.matcher(lines.get(i)).matches()) {
                lines.set(i, key + " = " + value);
                replaced = true;
            }
        }
        if (!replaced) {
            lines.add(key + " = " + value);
        }
        Files.write(file, lines);
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        int status = -1;
        while (System.nanoTime() < deadline) {
            try {
                HttpsURLConnection c = (HttpsURLConnection) new URL("https://127.0.0.1:" + HTTP_PORT
                        + "/health/ready").openConnection();
                c.setSSLSocketFactory(TRUST_THE_NODE.getSocketFactory());
                c.setHostnameVerifier((host, session) -> true);
                c.setConnectTimeout(2000);
                c.setReadTimeout(5000);
                status = c.getResponseCode();
                if (status == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the node is still starting
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the node did not get READY on /health/ready within 240 s (last status " + status
                + "); see " + karaf.resolve("data/log/karaf.log"));
    }

    /** Trusts any certificate: the node's is self-signed and made at its first start (test only). */
    private static final SSLContext TRUST_THE_NODE = trustAll();

    private static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(String script) throws Exception {
        run(karaf, "sh", script);
    }

    private static void run(Path directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(HOME.resolve("scripts.log").toFile())).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 120 s");
        }
    }
}
