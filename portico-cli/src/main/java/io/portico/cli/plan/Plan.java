package io.portico.cli.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What a sync would do, or did: the changes against one gateway group's configuration
 * revision.
 *
 * @param gatewayGroupId the gateway group
 * @param configRevision the group's revision the plan was computed against, or
 * {@code null}
 * @param changes the changes, in the server's order
 * @param summary counts by action, as the server gives them
 * @param applied {@code true} when a sync applied the plan, {@code false} when it did not
 * (dry run), {@code null} for a diff
 */
public record Plan(String gatewayGroupId, Long configRevision, List<Change> changes, Map<String, String> summary,
		Boolean applied) {

	/** The action of an entry that the sync leaves alone. */
	public static final String NOT_IN_FILE = "not_in_file";

	public Plan {
		changes = List.copyOf(changes);
		summary = Map.copyOf(summary);
	}

	/**
	 * Reads a plan from the admin's JSON.
	 * @param body the JSON body
	 * @return the plan
	 */
	public static Plan of(JsonNode body) {
		List<Change> changes = new ArrayList<>();
		JsonNode list = body.get("changes");
		if (list != null && list.isArray()) {
			for (JsonNode change : list) {
				changes.add(new Change(text(change, "action"), text(change, "resource"), text(change, "service"),
						text(change, "name"), text(change, "version"), text(change, "detail")));
			}
		}
		Map<String, String> summary = new LinkedHashMap<>();
		JsonNode object = body.get("summary");
		if (object != null && object.isObject()) {
			for (Map.Entry<String, JsonNode> entry : object.properties()) {
				summary.put(entry.getKey(), entry.getValue().asString());
			}
		}
		JsonNode revision = body.get("config_revision");
		JsonNode applied = body.get("applied");
		return new Plan(text(body, "gateway_group_id"),
				(revision != null && revision.isNumber()) ? revision.longValue() : null, changes, summary,
				(applied != null && applied.isBoolean()) ? applied.booleanValue() : null);
	}

	/**
	 * Whether a sync would change anything: entries only "not in the file" change
	 * nothing.
	 * @return {@code true} when at least one change is not {@value #NOT_IN_FILE}
	 */
	public boolean hasChanges() {
		return this.changes.stream().anyMatch((change) -> !NOT_IN_FILE.equals(change.action()));
	}

	private static String text(JsonNode node, String key) {
		JsonNode value = node.get(key);
		return (value != null && !value.isNull()) ? value.asString() : null;
	}

	/**
	 * One entry of a plan.
	 *
	 * @param action {@code create}, {@code update}, {@code delete}, {@code publish},
	 * {@code unpublish} or {@code not_in_file}
	 * @param resource {@code service_template}, {@code template_route},
	 * {@code published_version} or {@code runtime}
	 * @param service the service name
	 * @param name the route name (for routes), or {@code null}
	 * @param version the version (for published versions), or {@code null}
	 * @param detail what changes, for a person, or {@code null}
	 */
	public record Change(String action, String resource, String service, String name, String version, String detail) {

	}

}
