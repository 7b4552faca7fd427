package io.portico.gateway.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Snapshot files of one gateway group in one directory: {@code <group>.snapshot}, the
 * newest, and {@code <group>.snapshot.previous}, the generation before it. Each file is a
 * header line with a SHA-256 checksum of the JSON that follows it.
 *
 * <p>
 * A write never leaves a half-written newest file: it goes to a temporary file that is
 * forced to disk, the newest becomes the previous generation, and the temporary file is
 * renamed over the newest (renames within one directory are atomic). A file that is
 * truncated, fails its checksum, cannot be parsed, or belongs to another group or
 * database is refused with a log line and the previous generation is tried.
 *
 * <p>
 * Example: <pre>
 * SnapshotStore store = new SnapshotStore(Path.of("/var/lib/portico"), "default");
 * store.write(snapshot);
 * Optional&lt;ConfigSnapshot&gt; served = store.readNewest("r2dbc:postgresql://db:5432/portico");
 * </pre>
 */
public class SnapshotStore {

	private static final Log logger = LogFactory.getLog(SnapshotStore.class);

	private static final String FORMAT = "portico-snapshot 1";

	private static final Pattern HEADER = Pattern.compile("portico-snapshot 1 sha256=([0-9a-f]{64})");

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path directory;

	private final String group;

	private final Path newest;

	private final Path previous;

	/**
	 * Creates the store of a group's snapshots.
	 * @param directory the directory, created on the first write
	 * @param group the gateway group
	 */
	public SnapshotStore(Path directory, String group) {
		this.directory = directory;
		this.group = group;
		String name = (SAFE.matcher(group).matches() ? group : HexFormat.of().formatHex(utf8(group))) + ".snapshot";
		this.newest = directory.resolve(name);
		this.previous = directory.resolve(name + ".previous");
	}

	/**
	 * The newest file.
	 * @return its path
	 */
	public Path newestFile() {
		return this.newest;
	}

	/**
	 * The previous generation's file.
	 * @return its path
	 */
	public Path previousFile() {
		return this.previous;
	}

	/**
	 * Writes a snapshot as the newest; the newest so far becomes the previous generation.
	 * @param snapshot the snapshot, of this store's group
	 * @throws IOException when it cannot be written (the files on disk stay as they were,
	 * or the previous generation is the newest readable one)
	 */
	public void write(ConfigSnapshot snapshot) throws IOException {
		byte[] body = JSON.writeValueAsBytes(snapshot);
		byte[] header = (FORMAT + " sha256=" + sha256(body) + "\n").getBytes(StandardCharsets.US_ASCII);
		Files.createDirectories(this.directory);
		Path temporary = Files.createTempFile(this.directory, this.newest.getFileName() + ".", ".tmp");
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				channel.write(new ByteBuffer[] { ByteBuffer.wrap(header), ByteBuffer.wrap(body) });
				channel.force(true);
			}
			if (Files.exists(this.newest)) {
				Files.move(this.newest, this.previous, StandardCopyOption.REPLACE_EXISTING,
						StandardCopyOption.ATOMIC_MOVE);
			}
			Files.move(temporary, this.newest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			forceDirectory();
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * The newest valid snapshot of this group read from a database: the newest file, else
	 * the previous generation.
	 * @param source the database the gateway reads now (URL without credentials)
	 * @return the snapshot, or empty when neither file is valid (each refusal logged)
	 */
	public Optional<ConfigSnapshot> readNewest(String source) {
		for (Path file : List.of(this.newest, this.previous)) {
			Optional<ConfigSnapshot> snapshot = read(file, source);
			if (snapshot.isPresent()) {
				return snapshot;
			}
		}
		return Optional.empty();
	}

	private Optional<ConfigSnapshot> read(Path file, String source) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		catch (IOException ex) {
			return refused(file, "cannot be read: " + ex.getMessage());
		}
		int newline = indexOf(bytes, (byte) '\n');
		Matcher header = HEADER.matcher((newline > 0) ? new String(bytes, 0, newline, StandardCharsets.US_ASCII) : "");
		if (!header.matches()) {
			return refused(file, "is not a snapshot of this format (" + FORMAT + ")");
		}
		byte[] body = new byte[bytes.length - newline - 1];
		System.arraycopy(bytes, newline + 1, body, 0, body.length);
		if (!header.group(1).equals(sha256(body))) {
			return refused(file, "fails its checksum (truncated or corrupted)");
		}
		ConfigSnapshot snapshot;
		try {
			snapshot = JSON.readValue(body, ConfigSnapshot.class);
		}
		catch (JacksonException ex) {
			return refused(file, "cannot be parsed: " + ex.getOriginalMessage());
		}
		if (!this.group.equals(snapshot.group())) {
			return refused(file, "is of gateway group '" + snapshot.group() + "'");
		}
		if (!source.equals(snapshot.source())) {
			return refused(file, "was read from another database (" + snapshot.source() + ")");
		}
		return Optional.of(snapshot);
	}

	private Optional<ConfigSnapshot> refused(Path file, String reason) {
		logger.warn("Not serving the configuration snapshot " + file + " of gateway group '" + this.group + "': it "
				+ reason);
		return Optional.empty();
	}

	private void forceDirectory() {
		// The renames are durable only once the directory is; not every platform can
		// open a directory, and there the rename is as durable as it gets.
		try (FileChannel channel = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException | UnsupportedOperationException ex) {
			logger.debug("Cannot force the snapshot directory to disk: " + ex.getMessage());
		}
	}

	private static int indexOf(byte[] bytes, byte value) {
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is a required JDK algorithm", ex);
		}
	}

}
