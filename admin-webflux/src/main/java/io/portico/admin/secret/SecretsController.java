package io.portico.admin.secret;

import io.portico.admin.access.Permission;
import io.portico.admin.access.Permitted;
import io.portico.admin.audit.Audited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Re-encrypts stored secrets after a key rotation; super admins only.
 */
@RestController
@RequestMapping("/api/secrets")
@Tag(name = "Secrets", description = "Secrets at rest: re-encryption under the current key after a key rotation.")
class SecretsController {

	private final SecretReencryptService service;

	SecretsController(SecretReencryptService service) {
		this.service = service;
	}

	@PostMapping("/reencrypt")
	@Permitted(Permission.SECRETS_MANAGE)
	@Audited(action = "reencrypt", resource = "secrets")
	@Operation(summary = "Re-encrypt every stored secret under the current key",
			description = "Rewrites the secrets still in plain text or under a key of `portico.secrets.previous-keys`"
					+ " under `portico.secrets.key`, and counts what it did. Secrets no configured key decrypts are"
					+ " left as they are and counted as `unreadable`. Safe to run again; changes no config revision"
					+ " (the secrets themselves do not change).")
	Mono<ReencryptResponse> reencrypt() {
		return this.service.reencryptAll();
	}

}
