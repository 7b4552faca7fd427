package io.portico.cli.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * The scope of dump, diff and sync: label selectors and resource types.
 */
public class ScopeOptions {

	@Option(names = "--label-selector", paramLabel = "KEY=VALUE",
			description = "Only services with this label; repeat for several (all must match).")
	List<String> labelSelectors = new ArrayList<>();

	@Option(names = "--include-resource-type", paramLabel = "TYPE",
			description = "Only these resource types (service_template, template_route, published_version, runtime);"
					+ " repeatable.")
	List<String> includeResourceTypes = new ArrayList<>();

	@Option(names = "--exclude-resource-type", paramLabel = "TYPE",
			description = "Leave these resource types out; repeatable.")
	List<String> excludeResourceTypes = new ArrayList<>();

	/**
	 * The first selector that is not {@code key=value}.
	 * @return the selector, or {@code null} when all are valid
	 */
	String invalidSelector() {
		for (String selector : this.labelSelectors) {
			int equals = selector.indexOf('=');
			if (equals <= 0) {
				return selector;
			}
		}
		return null;
	}

	/**
	 * Whether labels match every selector.
	 * @param labels a service's labels
	 * @return {@code true} when each {@code key=value} is among them
	 */
	boolean matches(Map<String, String> labels) {
		for (String selector : this.labelSelectors) {
			int equals = selector.indexOf('=');
			if (!selector.substring(equals + 1).equals(labels.get(selector.substring(0, equals)))) {
				return false;
			}
		}
		return true;
	}

	void addQuery(List<Map.Entry<String, String>> query) {
		this.labelSelectors.forEach((value) -> query.add(Map.entry("label_selector", value)));
		this.includeResourceTypes.forEach((value) -> query.add(Map.entry("include_resource_type", value)));
		this.excludeResourceTypes.forEach((value) -> query.add(Map.entry("exclude_resource_type", value)));
	}

}
