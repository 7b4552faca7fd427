package io.portico.e2e.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One headless chromium for one test class, driven through Debian's chromedriver
 * (Selenium Manager downloads nothing), with the small vocabulary the dashboard tests
 * need: sign in, open a page, fill and click by id, wait, take a screenshot, read the
 * console.
 */
public final class DashboardBrowser implements AutoCloseable {

	/**
	 * Where the screenshots go: the repository's docs, seen from the e2e-tests module.
	 */
	static final Path IMAGES = Paths.get("..", "docs", "images");

	static final int WIDTH = 1280;

	static final int HEIGHT = 800;

	private static final Duration WAIT = Duration.ofSeconds(15);

	private final String base;

	private final ChromeDriver driver;

	private final WebDriverWait wait;

	private DashboardBrowser(String base, ChromeDriver driver) {
		this.base = base;
		this.driver = driver;
		this.wait = new WebDriverWait(driver, WAIT);
	}

	/**
	 * Starts chromium for the admin at {@code base}.
	 * @param base the admin's URL, such as {@code http://127.0.0.1:8080}
	 * @return the browser; the caller closes it
	 */
	static DashboardBrowser start(String base) {
		// The installed driver and browser only: Selenium Manager must not download.
		System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
		System.setProperty("SE_AVOID_BROWSER_DOWNLOAD", "true");
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build();
		ChromeOptions options = new ChromeOptions();
		options.setBinary("/usr/bin/chromium");
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
				"--window-size=" + WIDTH + "," + HEIGHT, "--hide-scrollbars", "--force-device-scale-factor=1");
		LoggingPreferences logging = new LoggingPreferences();
		logging.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logging);
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
		DashboardBrowser browser = new DashboardBrowser(base, driver);
		browser.viewport(WIDTH, HEIGHT);
		return browser;
	}

	ChromeDriver driver() {
		return this.driver;
	}

	/** Signs out whoever is signed in, then signs in through the page. */
	void signIn(String username, String password) {
		this.driver.manage().deleteAllCookies();
		open("/ui/login");
		type("username", username);
		type("password", password);
		click("sign-in");
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("current-user")));
		assertThat(text("current-user")).isEqualTo(username);
	}

	void open(String path) {
		this.driver.get(this.base + path);
	}

	String path() {
		String url = this.driver.getCurrentUrl();
		return url.startsWith(this.base) ? url.substring(this.base.length()) : url;
	}

	WebElement byId(String id) {
		return this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
	}

	boolean present(String id) {
		return !this.driver.findElements(By.id(id)).isEmpty();
	}

	WebElement visible(String id) {
		return this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
	}

	void click(String id) {
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
	}

	void type(String id, String value) {
		WebElement input = visible(id);
		input.clear();
		input.sendKeys(value);
	}

	void select(String id, String value) {
		new Select(visible(id)).selectByValue(value);
	}

	String text(String id) {
		return visible(id).getText().strip();
	}

	/** Waits until the current page is replaced (a navigation or a reload). */
	void awaitNewPage(Runnable action) {
		WebElement html = this.driver.findElement(By.tagName("html"));
		action.run();
		this.wait.until(ExpectedConditions.stalenessOf(html));
		this.wait.until((d) -> "complete".equals(script("return document.readyState")));
	}

	void awaitPath(String regex) {
		Pattern pattern = Pattern.compile(regex);
		this.wait.until((d) -> pattern.matcher(path()).matches());
		this.wait.until((d) -> "complete".equals(script("return document.readyState")));
	}

	/** Waits for a condition that may read elements an htmx swap replaces meanwhile. */
	void until(java.util.function.Function<ChromeDriver, Boolean> condition) {
		this.wait.ignoring(StaleElementReferenceException.class).until((d) -> condition.apply(this.driver));
	}

	Object script(String js, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(js, args);
	}

	Object asyncScript(String js, Object... args) {
		return ((JavascriptExecutor) this.driver).executeAsyncScript(js, args);
	}

	/** Accepts the page's confirm() dialog. */
	void acceptConfirm() {
		this.wait.until(ExpectedConditions.alertIsPresent()).accept();
	}

	/**
	 * The messages the API's problem+json put next to an input: the {@code .field-error}
	 * inside the input's {@code .field}.
	 */
	String fieldError(String inputId) {
		WebElement field = byId(inputId).findElement(By.xpath("ancestor::*[contains(@class,'field')][1]"));
		WebElement error = this.wait.until((d) -> {
			List<WebElement> errors = field.findElements(By.cssSelector(".field-error"));
			return errors.isEmpty() || !errors.get(0).isDisplayed() ? null : errors.get(0);
		});
		return error.getText().strip();
	}

	/** Sets the size of the page's viewport (what a screenshot shows). */
	void viewport(int width, int height) {
		this.driver.manage().window().setSize(new Dimension(width, height));
		Number innerWidth = (Number) script("return window.innerWidth");
		Number innerHeight = (Number) script("return window.innerHeight");
		int dw = width - innerWidth.intValue();
		int dh = height - innerHeight.intValue();
		if (dw != 0 || dh != 0) {
			this.driver.manage().window().setSize(new Dimension(width + dw, height + dh));
		}
	}

	/** Saves a PNG of the top of the page to {@code docs/images/<name>.png}. */
	Path screenshot(String name) {
		return screenshotOf(name, null);
	}

	/**
	 * Saves a PNG of the viewport to {@code docs/images/<name>.png}, scrolled to the
	 * element with an id (the top of the page when {@code null}).
	 */
	Path screenshotOf(String name, String elementId) {
		script((elementId != null) ? "document.getElementById('" + elementId + "').scrollIntoView()"
				: "window.scrollTo(0, 0)");
		script("if (document.activeElement) { document.activeElement.blur(); }");
		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
		try {
			Files.createDirectories(IMAGES);
			Path file = IMAGES.resolve(name + ".png");
			Files.write(file, png);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Saves a screenshot of the page at another width, then restores the size. */
	Path screenshotAt(String name, int width, int height) {
		viewport(width, height);
		try {
			this.driver.navigate().refresh();
			return screenshot(name);
		}
		finally {
			viewport(WIDTH, HEIGHT);
		}
	}

	/**
	 * The console's SEVERE entries since the last call, except failed loads of the given
	 * API paths (responses the test provokes on purpose).
	 */
	List<String> consoleErrors(String... expectedFailures) {
		List<String> errors = new ArrayList<>();
		for (LogEntry entry : this.driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() < Level.SEVERE.intValue()) {
				continue;
			}
			String message = entry.getMessage();
			// The browser's own request for a favicon (the dashboard declares none) is
			// no failure of the page.
			boolean expected = message.startsWith(this.base + "/favicon.ico ");
			for (String failure : expectedFailures) {
				expected |= message.contains(this.base + failure) && message.contains("Failed to load resource");
			}
			if (!expected) {
				errors.add(message);
			}
		}
		return errors;
	}

	/** Asserts the console has no SEVERE entry but the expected failed API calls. */
	void assertCleanConsole(String... expectedFailures) {
		assertThat(consoleErrors(expectedFailures)).as("SEVERE browser console entries").isEmpty();
	}

	Map<String, Object> capabilities() {
		return this.driver.getCapabilities().asMap();
	}

	@Override
	public void close() {
		this.driver.quit();
	}

}
