package org.nautilus.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
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

    private static ScriptedDistribution node;
    private static Path karaf;
    private static WebDriver browser;

    @BeforeAll
    static void startTheDistributionAndTheBrowser() throws Exception {
        assertThat(new File("/usr/bin/chromium")).as("Chromium is needed: apt-get install chromium chromium-driver")
                .exists();
        assertThat(new File("/usr/bin/chromedriver")).as("chromedriver is needed: apt-get install chromium-driver")
                .exists();
        node = new ScriptedDistribution("desk-browser", HTTP_PORT, 49490);
        karaf = node.karaf();
        // The first-run step of the README: a user with a hashed password, before the node starts.
        node.addUser("desk", PASSWORD, "trader", "risk");
        assertThat(Files.readString(karaf.resolve("etc/users.properties"))).contains("desk = {CRYPT}")
                .doesNotContain(PASSWORD);

        node.start();
        // bin/setenv made the self-signed certificate at first start and put its password in the config.
        assertThat(karaf.resolve("etc/nautilus-http.p12")).exists();
        assertThat(Files.readString(karaf.resolve("etc/org.ops4j.pax.web.cfg")))
                .doesNotContain("GENERATED-AT-FIRST-START");

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
        if (node != null) {
            node.stop();
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
                        && new BigDecimal(cells.get(2)).signum() != 0));
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
}
