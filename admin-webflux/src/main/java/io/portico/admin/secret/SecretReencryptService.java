package io.portico.admin.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.portico.admin.registry.ReencryptOutcome;
import io.portico.admin.registry.ServiceRegistryRepository;
import io.portico.secrets.SecretCipher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Re-encrypts every stored secret (today: the registry connections' {@code secrets})
 * under the current key, after a key rotation or to encrypt values written before
 * encryption. Row by row, each in its own statement: a run that stops half-way is simply
 * run again.
 */
@Service
public class SecretReencryptService {

	private static final Log logger = LogFactory.getLog(SecretReencryptService.class);

	private final ServiceRegistryRepository registries;

	private final SecretCipher cipher;

	public SecretReencryptService(ServiceRegistryRepository registries, SecretCipher cipher) {
		this.registries = registries;
		this.cipher = cipher;
	}

	/**
	 * Re-encrypts what is not under the current key.
	 * @return the counts
	 */
	public Mono<ReencryptResponse> reencryptAll() {
		return this.registries.findAllIds()
			.concatMap((id) -> this.registries.reencrypt(id).map((outcome) -> Map.entry(id, outcome)))
			.collectList()
			.map((outcomes) -> {
				long reencrypted = count(outcomes, ReencryptOutcome.REENCRYPTED);
				long current = count(outcomes, ReencryptOutcome.ALREADY_CURRENT);
				List<String> unreadable = new ArrayList<>();
				outcomes.stream()
					.filter((entry) -> entry.getValue() == ReencryptOutcome.UNREADABLE)
					.forEach((entry) -> unreadable.add(entry.getKey()));
				String keyId = this.cipher.keys().currentId();
				logger.info("Re-encrypted secrets under key id " + keyId + ": " + reencrypted + " re-encrypted, "
						+ current + " already current, " + unreadable.size() + " unreadable");
				if (!unreadable.isEmpty()) {
					logger.warn("Secrets of service registries " + unreadable
							+ " cannot be decrypted with any configured key (" + this.cipher.keys().ids() + ")");
				}
				return new ReencryptResponse(keyId, reencrypted, current, unreadable.size());
			});
	}

	private static long count(List<Map.Entry<String, ReencryptOutcome>> outcomes, ReencryptOutcome outcome) {
		return outcomes.stream().filter((entry) -> entry.getValue() == outcome).count();
	}

}
