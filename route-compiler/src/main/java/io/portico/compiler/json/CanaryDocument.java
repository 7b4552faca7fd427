package io.portico.compiler.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import io.portico.compiler.EnumNames;
import io.portico.compiler.FieldPath;
import io.portico.compiler.model.CanaryConditions;
import io.portico.compiler.model.CanaryRule;
import io.portico.compiler.model.CanarySpec;
import io.portico.compiler.model.CanarySticky;
import io.portico.compiler.model.Upstream;

/**
 * A canary ({@code published_service.canary}, also the body of the admin's
 * {@code PUT …/canary}), see {@link StoredFormat}.
 */
final class CanaryDocument {

	private static final Set<String> CANARY_FIELDS = Set.of("weight", "conditions", "sticky", "upstream", "version",
			"version_id");

	private static final Set<String> CONDITIONS_FIELDS = Set.of("match", "rules");

	private static final Set<String> RULE_FIELDS = Set.of("source", "name", "operator", "value");

	private static final Set<String> STICKY_FIELDS = Set.of("source", "name");

	private CanaryDocument() {
	}

	static CanarySpec read(String json, String root) {
		return JsonReader.read(json, root, (reader, node) -> canary(reader, node, root));
	}

	static String write(CanarySpec canary) {
		ObjectNode object = JsonReader.NODES.objectNode();
		object.put("weight", canary.weight());
		if (canary.conditions() != null) {
			ObjectNode conditions = object.putObject("conditions");
			conditions.put("match", EnumNames.jsonValue(canary.conditions().match()));
			ArrayNode rules = conditions.putArray("rules");
			for (CanaryRule rule : canary.conditions().rules()) {
				ObjectNode item = rules.addObject();
				item.put("source", EnumNames.jsonValue(rule.source()));
				item.put("name", rule.name());
				item.put("operator", EnumNames.jsonValue(rule.operator()));
				if (rule.value() != null) {
					item.put("value", rule.value());
				}
			}
		}
		if (canary.sticky() != null) {
			ObjectNode sticky = object.putObject("sticky");
			sticky.put("source", EnumNames.jsonValue(canary.sticky().source()));
			if (canary.sticky().name() != null) {
				sticky.put("name", canary.sticky().name());
			}
		}
		if (canary.upstream() != null) {
			object.set("upstream", RuntimeDocument.upstreamNode(canary.upstream()));
		}
		if (canary.version() != null) {
			object.put("version", canary.version());
		}
		return JsonReader.MAPPER.writeValueAsString(object);
	}

	private static CanarySpec canary(JsonReader reader, JsonNode node, String path) {
		if (!reader.object(node, path, CANARY_FIELDS)) {
			return null;
		}
		CanaryConditions conditions = conditions(reader, node.get("conditions"), FieldPath.join(path, "conditions"));
		Integer weight = weight(reader, node.get("weight"), FieldPath.join(path, "weight"), conditions != null);
		CanarySticky sticky = sticky(reader, node.get("sticky"), FieldPath.join(path, "sticky"));
		JsonNode upstreamNode = node.get("upstream");
		Upstream upstream = (upstreamNode == null || upstreamNode.isNull()) ? null
				: RuntimeDocument.upstream(reader, upstreamNode, FieldPath.join(path, "upstream"));
		String version = reader.string(node, "version", path);
		return new CanarySpec((weight != null) ? weight : 0, conditions, sticky, upstream, version);
	}

	private static Integer weight(JsonReader reader, JsonNode node, String path, boolean conditional) {
		if (node == null || node.isNull()) {
			if (conditional) {
				return StoredFormat.DEFAULT_CONDITIONAL_WEIGHT;
			}
			reader.error(path, "is required unless conditions are given");
			return null;
		}
		if (!node.isIntegralNumber() || !node.canConvertToInt()) {
			reader.error(path, "must be an integer from 0 to 100");
			return null;
		}
		return node.intValue();
	}

	private static CanaryConditions conditions(JsonReader reader, JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!reader.object(node, path, CONDITIONS_FIELDS)) {
			return null;
		}
		CanaryConditions.Match match = reader.enumValue(node, "match", path, CanaryConditions.Match.values(), true);
		List<CanaryRule> rules = new ArrayList<>();
		JsonNode array = node.get("rules");
		String rulesPath = FieldPath.join(path, "rules");
		if (array == null || array.isNull()) {
			reader.error(rulesPath, "is required");
		}
		else if (!array.isArray()) {
			reader.error(rulesPath, "must be a JSON array");
		}
		else {
			for (int i = 0; i < array.size(); i++) {
				String at = FieldPath.index(rulesPath, i);
				JsonNode rule = array.get(i);
				if (reader.object(rule, at, RULE_FIELDS)) {
					rules.add(new CanaryRule(reader.enumValue(rule, "source", at, CanaryRule.Source.values(), true),
							reader.string(rule, "name", at),
							reader.enumValue(rule, "operator", at, CanaryRule.Operator.values(), true),
							reader.string(rule, "value", at)));
				}
			}
		}
		return new CanaryConditions(match, rules);
	}

	private static CanarySticky sticky(JsonReader reader, JsonNode node, String path) {
		if (node == null || node.isNull()) {
			return null;
		}
		if (!reader.object(node, path, STICKY_FIELDS)) {
			return null;
		}
		return new CanarySticky(reader.enumValue(node, "source", path, CanarySticky.Source.values(), true),
				reader.string(node, "name", path));
	}

}
