package io.portico.admin.publish.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

import io.portico.admin.publish.PublishedServiceDetailResponse;
import io.portico.admin.publish.PublishedVersionRow;
import io.portico.compiler.model.RouteSpec;

/**
 * Compares the routes of two versions, matched by route id.
 */
final class VersionDiff {

	private VersionDiff() {
	}

	/**
	 * Compares two versions.
	 * @param a the version compared from
	 * @param b the version compared to
	 * @return the differences, routes in the order of {@code a} then {@code b}
	 */
	static VersionDiffResponse compare(PublishedVersionRow a, PublishedVersionRow b) {
		Map<String, RouteSpec> before = byId(a.routes());
		Map<String, RouteSpec> after = byId(b.routes());
		List<PublishedServiceDetailResponse.RouteView> added = new ArrayList<>();
		List<PublishedServiceDetailResponse.RouteView> removed = new ArrayList<>();
		List<VersionDiffResponse.ChangedRoute> changed = new ArrayList<>();
		int unchanged = 0;
		for (RouteSpec old : before.values()) {
			RouteSpec now = after.get(old.id());
			if (now == null) {
				removed.add(PublishedServiceDetailResponse.RouteView.of(old));
				continue;
			}
			List<VersionDiffResponse.FieldChange> changes = changes(old, now);
			if (changes.isEmpty()) {
				unchanged++;
			}
			else {
				changed.add(new VersionDiffResponse.ChangedRoute(now.id(), now.name(), changes));
			}
		}
		for (RouteSpec now : after.values()) {
			if (!before.containsKey(now.id())) {
				added.add(PublishedServiceDetailResponse.RouteView.of(now));
			}
		}
		return new VersionDiffResponse(side(a), side(b), added, removed, changed, unchanged);
	}

	private static VersionDiffResponse.Side side(PublishedVersionRow version) {
		return new VersionDiffResponse.Side(version.gatewayGroupId(), version.version(), version.id());
	}

	private static Map<String, RouteSpec> byId(List<RouteSpec> routes) {
		Map<String, RouteSpec> result = new LinkedHashMap<>();
		for (RouteSpec route : routes) {
			result.put(route.id(), route);
		}
		return result;
	}

	private static List<VersionDiffResponse.FieldChange> changes(RouteSpec a, RouteSpec b) {
		List<VersionDiffResponse.FieldChange> changes = new ArrayList<>();
		add(changes, "name", a.name(), b.name());
		add(changes, "paths", a.paths(), b.paths());
		// Methods are a set: reordering them changes nothing the gateway does.
		if (!new TreeSet<>(a.methods()).equals(new TreeSet<>(b.methods()))) {
			changes.add(new VersionDiffResponse.FieldChange("methods", a.methods(), b.methods()));
		}
		add(changes, "description", a.description(), b.description());
		// Sorted, so that the JSON shows labels in a stable order.
		add(changes, "labels", new TreeMap<>(a.labels()), new TreeMap<>(b.labels()));
		return changes;
	}

	private static void add(List<VersionDiffResponse.FieldChange> changes, String field, Object from, Object to) {
		if (!Objects.equals(from, to)) {
			changes.add(new VersionDiffResponse.FieldChange(field, from, to));
		}
	}

}
