package io.portico.admin.declarative;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.portico.admin.group.GatewayGroupRow;
import io.portico.admin.template.ServiceTemplateRow;
import io.portico.admin.template.route.TemplateRouteRow;
import io.portico.admin.web.ApiException;
import io.portico.admin.web.ApiFieldError;

import org.springframework.http.HttpStatus;

/**
 * The plan and what applying it needs.
 *
 * @param plan the plan
 * @param desired every file service with its state
 * @param versions the version to publish per file index ({@code null}: none)
 */
record PlannedSync(DeclarativePlan plan, List<DesiredService> desired, Map<Integer, String> versions) {

	static PlannedSync of(GatewayGroupRow group, List<DesiredService> desired, List<String> inScope,
			DeclarativeFile file, DeclarativeScope scope) {
		List<DeclarativePlan.Change> changes = new ArrayList<>();
		Map<Integer, String> versions = new LinkedHashMap<>();
		List<ApiFieldError> conflicts = new ArrayList<>();
		for (DesiredService item : desired) {
			String name = item.service().name();
			ServiceTemplateRow template = item.current().template();
			if (template == null) {
				changes.add(new DeclarativePlan.Change("create", "service_template", name, name, null, ""));
			}
			else if (!DesiredService.sameTemplate(template, item.service())) {
				changes.add(new DeclarativePlan.Change("update", "service_template", name, name, null,
						"name, type, scheme, description or labels"));
			}
			Map<String, TemplateRouteRow> existing = new LinkedHashMap<>();
			item.current().routes().forEach((row) -> existing.put(row.name(), row));
			for (DeclarativeFile.Route route : item.service().routes()) {
				TemplateRouteRow row = existing.remove(route.name());
				if (row == null) {
					changes.add(new DeclarativePlan.Change("create", "template_route", name, route.name(), null,
							String.join(", ", route.paths())));
				}
				else if (!DesiredService.sameRoute(row, route)) {
					changes.add(new DeclarativePlan.Change("update", "template_route", name, route.name(), null,
							String.join(", ", row.paths()) + " -> " + String.join(", ", route.paths())));
				}
			}
			existing.values()
				.forEach((row) -> changes.add(new DeclarativePlan.Change("delete", "template_route", name, row.name(),
						null, String.join(", ", row.paths()))));
			String currentVersion = (item.current().version() != null) ? item.current().version().version() : null;
			String wanted = item.service().version();
			boolean same = item.sameVersionContent();
			String publish = null;
			if (item.runtime() == null) {
				publish = null;
			}
			else if (currentVersion == null) {
				publish = (wanted != null) ? wanted : "1.0.0";
			}
			else if (wanted == null) {
				publish = same ? null : nextPatch(currentVersion);
			}
			else if (wanted.equals(currentVersion)) {
				if (!same) {
					conflicts.add(new ApiFieldError("services[" + item.index() + "].version",
							"version " + wanted + " of '" + name
									+ "' is published with other routes or runtime configuration;"
									+ " a published version never changes: give a new version"));
				}
			}
			else {
				publish = wanted;
			}
			if (publish != null) {
				versions.put(item.index(), publish);
				changes.add(new DeclarativePlan.Change("publish", "published_version", name, publish, publish,
						(currentVersion != null) ? "current " + currentVersion : "not published yet"));
			}
		}
		if (!conflicts.isEmpty()) {
			throw new ApiException(HttpStatus.CONFLICT,
					"Published versions never change: " + conflicts.size() + " service(s) reuse a version", conflicts);
		}
		List<String> names = file.services().stream().map(DeclarativeFile.Service::name).toList();
		List<String> notInFile = inScope.stream().filter((name) -> !names.contains(name)).sorted().toList();
		for (String name : notInFile) {
			changes.add(new DeclarativePlan.Change(scope.delete() ? "unpublish" : "not_in_file", "published_version",
					name, name, null, scope.delete() ? "not in the file" : "not in the file; kept (no delete)"));
		}
		Map<String, Integer> summary = new TreeMap<>();
		changes.forEach((change) -> summary.merge(change.action(), 1, Integer::sum));
		return new PlannedSync(new DeclarativePlan(group.id(), group.configRevision(), List.copyOf(changes), summary,
				notInFile, false), desired, versions);
	}

	private static String nextPatch(String version) {
		String[] parts = version.split("[-+]", 2)[0].split("\\.");
		if (parts.length != 3) {
			return version + ".1";
		}
		try {
			return parts[0] + "." + parts[1] + "." + (Integer.parseInt(parts[2]) + 1);
		}
		catch (NumberFormatException ex) {
			return version + ".1";
		}
	}

}
