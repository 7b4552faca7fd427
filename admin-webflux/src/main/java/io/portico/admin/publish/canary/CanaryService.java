package io.portico.admin.publish.canary;

import java.util.List;
import java.util.Optional;

import io.portico.admin.publish.PublishCore;
import io.portico.admin.publish.PublishedLookup;
import io.portico.admin.publish.PublishedRepository;
import io.portico.admin.publish.PublishedServiceDetailResponse;
import io.portico.admin.publish.PublishedServiceRow;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;
import io.portico.compiler.RouteCompilationException;
import io.portico.compiler.json.StoredFormat;
import io.portico.compiler.model.CanarySpec;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Starts, replaces, aborts and finishes the canary of a published service. Each change is
 * one transaction that bumps the group's revision once; the gateways read the canary from
 * {@code published_service.canary} (and a version canary's routes through
 * {@code canary_version_id}).
 */
@Service
public class CanaryService {

	/** The field of a body-level version id. */
	static final String VERSION_ID = "version_id";

	// A plain mapper: only adds version_id to the compiler's stored format.
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final PublishedRepository published;

	private final PublishedLookup lookup;

	private final PublishCore core;

	public CanaryService(PublishedRepository published, PublishedLookup lookup, PublishCore core) {
		this.published = published;
		this.lookup = lookup;
		this.core = core;
	}

	/**
	 * Starts a canary, or replaces the active one.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param body the canary, in the stored canary shape (plus an optional
	 * {@code version_id})
	 * @return the published service with its canary
	 */
	@Transactional
	public Mono<PublishedServiceDetailResponse> put(String groupId, String serviceId, JsonNode body) {
		return this.lookup.requireService(groupId, serviceId).flatMap((service) -> {
			String versionId = versionId(body);
			CanarySpec read = read(body);
			Mono<CanarySpec> resolved = (versionId != null) ? byVersionId(groupId, serviceId, read, versionId)
					: Mono.just(read);
			return resolved.flatMap((canary) -> {
				this.core.validateCanary(canary);
				Mono<String> side = (canary.upstream() != null) ? checkUpstream(groupId, service, canary)
						: checkVersion(groupId, serviceId, service, canary,
								(versionId != null) ? VERSION_ID : "version");
				return side.map(Optional::of)
					.defaultIfEmpty(Optional.empty())
					.flatMap((canaryVersionId) -> save(service,
							service.withCanary(stored(canary, canaryVersionId.orElse(null)),
									canaryVersionId.orElse(null), this.core.now())));
			});
		});
	}

	/**
	 * Aborts the canary: the service stays as it is.
	 * @param groupId the group
	 * @param serviceId the service
	 * @return completion; 404 when there is no canary
	 */
	@Transactional
	public Mono<Void> abort(String groupId, String serviceId) {
		return requireCanary(groupId, serviceId)
			.flatMap((service) -> save(service, service.withCanary(null, null, this.core.now())))
			.then();
	}

	/**
	 * Finishes the canary, making one side the baseline.
	 * @param groupId the group
	 * @param serviceId the service
	 * @param request the side
	 * @return the published service without canary
	 */
	@Transactional
	public Mono<PublishedServiceDetailResponse> finish(String groupId, String serviceId, CanaryFinishRequest request) {
		String side = (request != null) ? request.side() : null;
		if (!"canary".equals(side) && !"baseline".equals(side)) {
			return Mono.error(ApiException.badRequest("side", "must be one of canary, baseline"));
		}
		return requireCanary(groupId, serviceId).flatMap((service) -> {
			PublishedServiceRow finished = service;
			if ("canary".equals(side)) {
				CanarySpec canary = StoredFormat.readCanary(service.canary());
				// The only place where the upstream kind may change: the canary proved
				// it.
				finished = (canary.upstream() != null)
						? service.withCurrent(service.currentVersionId(),
								PublishCore.withUpstream(service.runtime(), canary.upstream()), this.core.now())
						: service.withCurrent(service.canaryVersionId(), service.runtime(), this.core.now());
			}
			return save(service, finished.withCanary(null, null, this.core.now()));
		});
	}

	private Mono<PublishedServiceRow> requireCanary(String groupId, String serviceId) {
		return this.lookup.requireService(groupId, serviceId)
			.flatMap((service) -> service.hasCanary() ? Mono.just(service)
					: Mono.error(new ApiException(HttpStatus.NOT_FOUND,
							"service '" + serviceId + "' has no canary in gateway group '" + groupId + "'",
							List.of(new ApiFieldError("canary", "there is no active canary")))));
	}

	private Mono<PublishedServiceDetailResponse> save(PublishedServiceRow before, PublishedServiceRow after) {
		return this.core.updateAndBump(after, "service_id")
			.then(this.lookup.detail(before.gatewayGroupId(), before.serviceId()));
	}

	private static String versionId(JsonNode body) {
		if (body == null || !body.isObject()) {
			throw ApiException.badRequest("$", "must be a JSON object");
		}
		JsonNode value = body.get(VERSION_ID);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString() || value.stringValue().isBlank()) {
			throw ApiException.badRequest(VERSION_ID, "must be a version id (a string)");
		}
		return value.stringValue();
	}

	private static CanarySpec read(JsonNode body) {
		try {
			return StoredFormat.readCanary(MAPPER.writeValueAsString(body), "");
		}
		catch (RouteCompilationException ex) {
			throw PublishCore.fieldErrors("", ex.getErrors());
		}
	}

	/**
	 * Resolves {@code version_id} into the canary's version string: it must name a
	 * version of this service in this group.
	 */
	private Mono<CanarySpec> byVersionId(String groupId, String serviceId, CanarySpec canary, String versionId) {
		if (canary.upstream() != null) {
			return Mono.error(ApiException.badRequest(VERSION_ID,
					"give either upstream (an upstream canary) or version/version_id (a version canary), not both"));
		}
		return this.published.findVersion(versionId)
			.switchIfEmpty(Mono.error(() -> ApiException.notFound(VERSION_ID, "published version", versionId)))
			.flatMap((version) -> {
				if (!version.serviceId().equals(serviceId) || !version.gatewayGroupId().equals(groupId)) {
					return Mono.error(ApiException.badRequest(VERSION_ID,
							"a canary version must be a version of this service in this gateway group; '" + versionId
									+ "' is version " + version.version() + " of '" + version.serviceId()
									+ "' in gateway group '" + version.gatewayGroupId() + "'"));
				}
				if (canary.version() != null && !canary.version().equals(version.version())) {
					return Mono.error(ApiException.badRequest(VERSION_ID, "names version " + version.version()
							+ ", but version is " + canary.version() + "; give one of them"));
				}
				return Mono.just(
						new CanarySpec(canary.weight(), canary.conditions(), canary.sticky(), null, version.version()));
			});
	}

	/**
	 * Checks an upstream canary: the current routes compile with it, and a discovery
	 * registry belongs to the group.
	 * @return empty: an upstream canary has no version
	 */
	private Mono<String> checkUpstream(String groupId, PublishedServiceRow service, CanarySpec canary) {
		return this.published.findVersion(service.currentVersionId())
			.flatMap((current) -> this.core.compile(current,
					PublishCore.withUpstream(service.runtime(), canary.upstream()), ""))
			.then(this.core.checkRegistry(groupId, canary.upstream(), "upstream.service_registry_id"))
			.then(Mono.empty());
	}

	/**
	 * Checks a version canary: another version of this service's history in this group,
	 * compiling with the service's runtime configuration.
	 * @return the version id
	 */
	private Mono<String> checkVersion(String groupId, String serviceId, PublishedServiceRow service, CanarySpec canary,
			String field) {
		return this.lookup.requireVersion(groupId, serviceId, canary.version(), "version").flatMap((version) -> {
			if (version.id().equals(service.currentVersionId())) {
				return Mono.error(ApiException.badRequest(field, "version " + version.version()
						+ " is the current version; a canary needs another version of the service's history"));
			}
			return this.core.compile(version, service.runtime(), "version").thenReturn(version.id());
		});
	}

	private static String stored(CanarySpec canary, String versionId) {
		String json = StoredFormat.writeCanary(canary);
		if (versionId == null) {
			return json;
		}
		ObjectNode node = (ObjectNode) MAPPER.readTree(json);
		node.put(VERSION_ID, versionId);
		return MAPPER.writeValueAsString(node);
	}

}
