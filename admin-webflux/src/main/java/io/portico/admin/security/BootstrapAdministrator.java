package io.portico.admin.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import io.portico.admin.access.Role;
import io.portico.admin.access.RoleBinding;
import io.portico.admin.config.AdminProperties;
import io.portico.admin.store.Database;
import io.portico.admin.token.ApiTokenService;
import io.portico.admin.token.ApiTokens;
import io.portico.admin.user.UserRepository;
import io.portico.admin.user.UserRoleRepository;
import io.portico.admin.user.UserRoleRow;
import io.portico.admin.user.UserRow;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Creates the first super admin when the database has no user, from
 * {@code portico.admin.bootstrap.*}: a password, a token, or both. Without either the
 * admin refuses to start, rather than fall back to a well-known default. Runs before the
 * server takes requests.
 */
@Component
class BootstrapAdministrator implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(BootstrapAdministrator.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final AdminProperties.Bootstrap settings;

	private final UserRepository users;

	private final UserRoleRepository roles;

	private final ApiTokenService tokens;

	private final PasswordEncoder passwordEncoder;

	private final TransactionalOperator transactions;

	private final Database database;

	BootstrapAdministrator(AdminProperties properties, UserRepository users, UserRoleRepository roles,
			ApiTokenService tokens, PasswordEncoder passwordEncoder, TransactionalOperator transactions,
			Database database) {
		this.settings = properties.bootstrap();
		this.users = users;
		this.roles = roles;
		this.tokens = tokens;
		this.passwordEncoder = passwordEncoder;
		this.transactions = transactions;
		this.database = database;
	}

	@Override
	public void afterSingletonsInstantiated() {
		// Startup, on the main thread: blocking here delays the start, never a request.
		Long existing = this.users.count().block(TIMEOUT);
		String token = token();
		String password = this.settings.password();
		boolean configured = token != null || (password != null && !password.isEmpty());
		if (existing != null && existing > 0) {
			if (configured) {
				logger.info("Users exist: portico.admin.bootstrap.* is ignored");
			}
			return;
		}
		if (!configured) {
			throw new IllegalStateException("The admin has no user yet and no bootstrap credentials: set"
					+ " portico.admin.bootstrap.password (PORTICO_ADMIN_BOOTSTRAP_PASSWORD) and/or"
					+ " portico.admin.bootstrap.token (PORTICO_ADMIN_BOOTSTRAP_TOKEN, 'pt_' and at least 20"
					+ " characters) or portico.admin.bootstrap.token-file; see docs/security.md");
		}
		if (token != null && !ApiTokens.looksLikeToken(token)) {
			throw new IllegalStateException("portico.admin.bootstrap.token must be 'pt_' followed by 20 to 200"
					+ " letters, digits, '-' or '_' (generate one with: echo pt_$(openssl rand -hex 24))");
		}
		if (password != null && !password.isEmpty() && password.length() < 12) {
			throw new IllegalStateException("portico.admin.bootstrap.password must have at least 12 characters");
		}
		create(password, token).as(this.transactions::transactional).block(TIMEOUT);
		logger.info("Created the first super admin '" + this.settings.username() + "'"
				+ ((token != null) ? " with the configured bootstrap token" : "")
				+ ((password != null && !password.isEmpty()) ? " with the configured password" : ""));
	}

	private Mono<Void> create(String password, String token) {
		Mono<String> hash = (password != null && !password.isEmpty())
				? Mono.fromCallable(() -> this.passwordEncoder.encode(password))
					.subscribeOn(Schedulers.boundedElastic())
				: Mono.empty();
		return hash.map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((encoded) -> {
			var now = this.database.now();
			UserRow user = new UserRow(UUID.randomUUID().toString(), this.settings.username(), "Administrator",
					encoded.orElse(null), true, now, now, null, 0);
			Mono<Void> withToken = (token != null) ? this.tokens.insertKnown(user.id(), "bootstrap", token)
					: Mono.empty();
			return this.users.insert(user)
				.then(this.roles.insert(new UserRoleRow(UUID.randomUUID().toString(), user.id(),
						new RoleBinding(Role.SUPER_ADMIN, Role.ALL_GROUPS), now)))
				.then(withToken);
		});
	}

	private String token() {
		if (this.settings.token() != null && !this.settings.token().isBlank()) {
			return this.settings.token().strip();
		}
		if (this.settings.tokenFile() != null && !this.settings.tokenFile().isBlank()) {
			try {
				return Files.readString(Path.of(this.settings.tokenFile()), StandardCharsets.UTF_8).strip();
			}
			catch (IOException ex) {
				throw new IllegalStateException(
						"Cannot read portico.admin.bootstrap.token-file " + this.settings.tokenFile(), ex);
			}
		}
		return null;
	}

}
