package io.portico.admin.publish.history;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import io.portico.admin.publish.PublishedVersionRow;
import io.portico.compiler.model.Node;
import io.portico.compiler.model.NodesUpstream;
import io.portico.compiler.model.RouteSpec;
import io.portico.compiler.model.RuntimeConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Comparing the routes of two versions: matched by id, compared field by field, methods
 * as a set.
 */
class VersionDiffTests {

	@Test
	void compare_withReorderedMethodsAndChangedLabels_reportsOnlyTheLabels() {
		RouteSpec before = new RouteSpec("r1", "users", List.of("/users"), List.of("GET", "POST"), "",
				Map.of("team", "a"));
		RouteSpec after = new RouteSpec("r1", "users", List.of("/users"), List.of("POST", "GET"), "",
				Map.of("team", "b"));

		VersionDiffResponse diff = VersionDiff.compare(version("1.0.0", before), version("1.1.0", after));

		assertThat(diff.changed()).hasSize(1);
		assertThat(diff.changed().get(0).changes())
			.containsExactly(new VersionDiffResponse.FieldChange("labels", Map.of("team", "a"), Map.of("team", "b")));
		assertThat(diff.added()).isEmpty();
		assertThat(diff.removed()).isEmpty();
		assertThat(diff.unchanged()).isZero();
	}

	@Test
	void compare_withARenamedRoute_matchesItByIdAndReportsTheName() {
		RouteSpec before = new RouteSpec("r1", "old-name", List.of("/a"), List.of("GET"), "", Map.of());
		RouteSpec after = new RouteSpec("r1", "new-name", List.of("/a"), List.of("GET"), "", Map.of());
		RouteSpec same = new RouteSpec("r2", "same", List.of("/b"), List.of(), "", Map.of());

		VersionDiffResponse diff = VersionDiff.compare(version("1.0.0", before, same), version("1.1.0", after, same));

		assertThat(diff.changed()).singleElement().satisfies((changed) -> {
			assertThat(changed.routeId()).isEqualTo("r1");
			assertThat(changed.name()).isEqualTo("new-name");
			assertThat(changed.changes())
				.containsExactly(new VersionDiffResponse.FieldChange("name", "old-name", "new-name"));
		});
		assertThat(diff.unchanged()).isEqualTo(1);
		assertThat(diff.a().version()).isEqualTo("1.0.0");
		assertThat(diff.b().version()).isEqualTo("1.1.0");
	}

	private static PublishedVersionRow version(String version, RouteSpec... routes) {
		return new PublishedVersionRow("id-" + version, "default", "svc", "svc", "http", "http", version,
				List.of(routes), new RuntimeConfig(new NodesUpstream(List.of(new Node("127.0.0.1", 80, 100))), null,
						null, null, null, null),
				"", "admin", OffsetDateTime.parse("2025-01-01T00:00:00Z"));
	}

}
