package io.portico.gateway.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Normalises a raw (percent-encoded) request path as Envoy's {@code normalize_path},
 * {@code merge_slashes} and {@code path_with_escaped_slashes_action} do, or names why the
 * path is refused. A plain class, so that it is tested without Spring.
 *
 * <p>
 * In order: percent-encoded unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) are
 * decoded and the hex digits of the other escapes upper-cased; {@code %2F} and
 * {@code %5C} are refused unless kept, {@code %00}, a raw {@code \}, a malformed escape
 * and escapes that are not UTF-8 (overlong forms such as {@code %C0%AE} included) always;
 * repeated slashes are merged if asked; then {@code .} and {@code ..} segments are
 * resolved as RFC 3986 (5.2.4) does, except that climbing above the root is refused, and
 * so is a dot segment with parameters ({@code ..;x}), which servlet containers resolve as
 * {@code ..}. Example: <pre>
 * new PathNormalizer(true, false).normalize("/anything/%2e%2E/admin") // path "/admin"
 * new PathNormalizer(true, false).normalize("/../admin") // problem ABOVE_ROOT
 * </pre>
 */
public final class PathNormalizer {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final boolean mergeSlashes;

	private final boolean keepEscapedSlashes;

	/**
	 * Creates a normaliser.
	 * @param mergeSlashes whether {@code //} becomes {@code /}
	 * @param keepEscapedSlashes whether {@code %2F} and {@code %5C} are kept (forwarded
	 * encoded) instead of refused
	 */
	public PathNormalizer(boolean mergeSlashes, boolean keepEscapedSlashes) {
		this.mergeSlashes = mergeSlashes;
		this.keepEscapedSlashes = keepEscapedSlashes;
	}

	/**
	 * Normalises one path.
	 * @param rawPath the path as received, percent-encoding kept
	 * @return the normalised path (the same instance when nothing changes), or the
	 * problem
	 */
	public Result normalize(String rawPath) {
		if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
			return Result.of(rawPath);
		}
		if (!needsWork(rawPath)) {
			return Result.of(rawPath);
		}
		StringBuilder decoded = new StringBuilder(rawPath.length());
		boolean highBytes = false;
		for (int i = 0; i < rawPath.length(); i++) {
			char c = rawPath.charAt(i);
			if (c == '\\') {
				return Result.refused(Problem.BACKSLASH);
			}
			if (c != '%') {
				decoded.append(c);
				continue;
			}
			int value = (i + 2 < rawPath.length()) ? hex(rawPath.charAt(i + 1), rawPath.charAt(i + 2)) : -1;
			if (value < 0) {
				return Result.refused(Problem.MALFORMED_ESCAPE);
			}
			i += 2;
			if (value == 0) {
				return Result.refused(Problem.ENCODED_NUL);
			}
			if ((value == '/' || value == '\\') && !this.keepEscapedSlashes) {
				return Result.refused(Problem.ENCODED_SLASH);
			}
			if (isUnreserved(value)) {
				decoded.append((char) value);
			}
			else {
				highBytes |= value >= 0x80;
				decoded.append('%').append(HEX[value >> 4]).append(HEX[value & 0xF]);
			}
		}
		if (highBytes && !isUtf8(decoded)) {
			return Result.refused(Problem.NOT_UTF8);
		}
		return resolveSegments(decoded.toString());
	}

	// Most paths have no escape, no dot segment and no double slash: leave them as they
	// are without allocating. "/." over-approximates dot segments (/.well-known too).
	private boolean needsWork(String path) {
		return path.indexOf('%') >= 0 || path.indexOf('\\') >= 0 || path.contains("/.")
				|| (this.mergeSlashes && path.contains("//"));
	}

	private Result resolveSegments(String path) {
		String[] segments = path.substring(1).split("/", -1);
		List<String> output = new ArrayList<>(segments.length);
		int last = segments.length - 1;
		for (int i = 0; i <= last; i++) {
			String segment = segments[i];
			boolean isLast = i == last;
			if (segment.equals(".")) {
				if (isLast) {
					output.add("");
				}
			}
			else if (segment.equals("..")) {
				if (output.isEmpty()) {
					return Result.refused(Problem.ABOVE_ROOT);
				}
				output.remove(output.size() - 1);
				if (isLast) {
					output.add("");
				}
			}
			else if (segment.startsWith(".;") || segment.startsWith("..;")) {
				return Result.refused(Problem.DOT_SEGMENT_PARAMETERS);
			}
			else if (!segment.isEmpty() || isLast || !this.mergeSlashes) {
				output.add(segment);
			}
		}
		return Result.of("/" + String.join("/", output));
	}

	private static boolean isUtf8(CharSequence decoded) {
		byte[] bytes = new byte[decoded.length()];
		int length = 0;
		for (int i = 0; i < decoded.length(); i++) {
			char c = decoded.charAt(i);
			if (c == '%') {
				bytes[length++] = (byte) hex(decoded.charAt(i + 1), decoded.charAt(i + 2));
				i += 2;
			}
			else {
				bytes[length++] = (byte) c;
			}
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, 0, length));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static boolean isUnreserved(int c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~';
	}

	private static int hex(char high, char low) {
		int h = Character.digit(high, 16);
		int l = Character.digit(low, 16);
		return (h < 0 || l < 0) ? -1 : (h << 4) | l;
	}

	/**
	 * Why a path is refused; each answers 400.
	 */
	public enum Problem {

		/** {@code %} not followed by two hex digits. */
		MALFORMED_ESCAPE("The path has a '%' that is not followed by two hexadecimal digits"),

		/** {@code %2F} or {@code %5C}. */
		ENCODED_SLASH("The path has an encoded '/' or '\\' (%2F, %5C)"),

		/** {@code %00}. */
		ENCODED_NUL("The path has an encoded NUL (%00)"),

		/** A raw backslash. */
		BACKSLASH("The path has a '\\'"),

		/** Escapes that do not decode as UTF-8, overlong forms included. */
		NOT_UTF8("The path's percent-encoded bytes are not valid UTF-8"),

		/** More {@code ..} segments than segments before them. */
		ABOVE_ROOT("The path climbs above the root with '..'"),

		/** {@code .;x} or {@code ..;x}. */
		DOT_SEGMENT_PARAMETERS("The path has a '.' or '..' segment with ';' parameters");

		private final String detail;

		Problem(String detail) {
			this.detail = detail;
		}

		/**
		 * The problem, for the 400 response.
		 * @return one sentence
		 */
		public String detail() {
			return this.detail;
		}

	}

	/**
	 * The normalised path, or the problem that refuses it.
	 *
	 * @param path the normalised path; {@code null} when refused
	 * @param problem the problem; {@code null} when the path is accepted
	 */
	public record Result(String path, Problem problem) {

		static Result of(String path) {
			return new Result(path, null);
		}

		static Result refused(Problem problem) {
			return new Result(null, problem);
		}

		/**
		 * Whether the path is refused.
		 * @return {@code true} if {@link #problem()} is set
		 */
		public boolean refused() {
			return this.problem != null;
		}

	}

}
