package io.portico.registry;

import java.util.List;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Captures every log line (DEBUG and up, the registry libraries' included) so a test can
 * prove that no secret was logged.
 */
final class LogCapture implements AutoCloseable {

	private static final List<String> LOGGERS = List.of("io.portico.registry", "io.fabric8", "com.netflix",
			"org.springframework.cloud.netflix");

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

	private final List<Level> previous;

	LogCapture() {
		this.previous = LOGGERS.stream().map((name) -> ((Logger) LoggerFactory.getLogger(name)).getLevel()).toList();
		LOGGERS.forEach((name) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(Level.DEBUG));
		this.appender.start();
		this.root.addAppender(this.appender);
	}

	/**
	 * Everything logged so far: messages, arguments and stack traces.
	 * @return the text
	 */
	String text() {
		return List.copyOf(this.appender.list).stream().map(LogCapture::render).collect(Collectors.joining("\n"));
	}

	private static String render(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getFormattedMessage());
		for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
			text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
		}
		return text.toString();
	}

	@Override
	public void close() {
		this.root.detachAppender(this.appender);
		for (int i = 0; i < LOGGERS.size(); i++) {
			((Logger) LoggerFactory.getLogger(LOGGERS.get(i))).setLevel(this.previous.get(i));
		}
	}

}
