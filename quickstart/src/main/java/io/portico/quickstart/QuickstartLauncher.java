package io.portico.quickstart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The quickstart's command line: starts Portico and prints where everything is until
 * Ctrl-C.
 */
public final class QuickstartLauncher {

	private static final Logger logger = LoggerFactory.getLogger(QuickstartLauncher.class);

	private QuickstartLauncher() {
	}

	/**
	 * Starts the quickstart.
	 * @param args
	 * {@code --admin-port=9180 --gateway-port=9080 --gateway-management-port=9091
	 * --echo-port=8080 --database-port=9092 --group=default --admin-jar=PATH
	 * --gateway-jar=PATH --log-dir=PATH --data-dir=data/quickstart}
	 * @throws InterruptedException when interrupted
	 */
	public static void main(String[] args) throws InterruptedException {
		QuickstartOptions options = QuickstartOptions.parse(args);
		Quickstart portico = Quickstart.start(options);
		Runtime.getRuntime().addShutdownHook(new Thread(portico::close, "portico-quickstart-shutdown"));
		logger.info("""

				Portico is ready.
				  Dashboard      http://127.0.0.1:{}/ui
				  Admin API      http://127.0.0.1:{}/api   (Swagger UI: http://127.0.0.1:{}/swagger-ui.html)
				  Gateway        http://127.0.0.1:{}        (gateway group '{}')
				  Gateway health http://127.0.0.1:{}/actuator/health   (management port)
				  Echo upstream  127.0.0.1:{}              (httpbin-compatible, for the tutorial's node)
				Follow the tutorial in README.md. Ctrl-C stops everything.
				""", portico.adminPort(), portico.adminPort(), portico.adminPort(), portico.gatewayPort(),
				options.group(), portico.gatewayManagementPort(), portico.echoPort());
		// On the console only, once: never into a log file.
		System.out.println("""
				Dashboard: open http://127.0.0.1:%d/ui and sign in as 'admin' with the password
				  %s
				(new for every start; also in %s, readable by you only)
				Admin API token of the super admin 'admin' (new for every start; also in %s, readable by you only):
				  %s
				Use it as:  TOKEN=$(cat %s); curl -H "X-API-KEY: $TOKEN" http://127.0.0.1:%d/api/me
				""".formatted(portico.adminPort(), portico.adminPassword(), portico.passwordFile(), portico.tokenFile(),
				portico.adminToken(), portico.tokenFile(), portico.adminPort()));
		portico.awaitExit();
		if (!portico.isClosing()) {
			logger.warn("A Portico process exited on its own; stopping the quickstart");
			portico.close();
		}
	}

}
