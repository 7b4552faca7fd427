package io.portico.gateway.snapshot;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The local configuration snapshot ({@code portico.gateway.snapshot.*}).
 *
 * @param enabled whether the gateway writes a snapshot after each applied revision and
 * serves it when it starts without its database
 * @param dir the directory of the snapshot files (an {@code emptyDir} or a volume in
 * Kubernetes); empty for {@code <java.io.tmpdir>/portico-gateway-snapshots}
 * @param startupWait how long the first load from the database may take before the
 * gateway serves its snapshot instead (it keeps trying the database)
 * @param readyWhenStale whether readiness stays UP while the snapshot is served (with a
 * {@code snapshot} detail); {@code false} takes the instance out of its load balancer
 * until the database answers
 */
@Validated
@ConfigurationProperties("portico.gateway.snapshot")
public record SnapshotProperties(@DefaultValue("true") boolean enabled, @DefaultValue("") String dir,
		@DefaultValue("2s") Duration startupWait, @DefaultValue("true") boolean readyWhenStale) {

	/**
	 * The directory of the snapshot files.
	 * @return the configured directory, or the default one under the temporary directory
	 */
	public Path directory() {
		return this.dir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "portico-gateway-snapshots")
				: Path.of(this.dir);
	}

}
