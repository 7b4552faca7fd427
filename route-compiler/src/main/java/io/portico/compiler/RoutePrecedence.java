package io.portico.compiler;

import java.util.Comparator;

import io.portico.compiler.model.CompiledRoute;
import io.portico.compiler.model.PathMatch;

/**
 * Orders compiled routes so that the first route that matches a request is the one that
 * should serve it. The gateway sorts its whole table (all services of its group) with it.
 *
 * <p>
 * Rules, each deciding only when the previous ones tie:
 * <ol>
 * <li>routes restricted to hosts before routes for any host;</li>
 * <li>{@link PathMatch.Kind#EXACT} before {@link PathMatch.Kind#TEMPLATE} before
 * {@link PathMatch.Kind#PREFIX};</li>
 * <li>the more literal pattern first: for exact and prefix matches the longer pattern
 * ({@code /anything/deep/} before {@code /anything/}); for templates the one with more
 * literal segments (a segment with a parameter in it is not literal), then the one
 * without a trailing {@code *}, then the one with more literal characters (those around
 * parameters count: {@code /files/{name}.json} before {@code /files/{name}});</li>
 * <li>routes restricted to methods before routes for any method;</li>
 * <li>the route id, so the order never depends on input order.</li>
 * </ol>
 * Example: <pre>
 * List&lt;CompiledRoute&gt; table = new ArrayList&lt;&gt;(routes);
 * table.sort(RoutePrecedence.INSTANCE);
 * </pre>
 */
public final class RoutePrecedence implements Comparator<CompiledRoute> {

	/** The single instance. */
	public static final RoutePrecedence INSTANCE = new RoutePrecedence();

	private static final Comparator<CompiledRoute> ORDER = Comparator
		.comparing((CompiledRoute route) -> route.hosts().isEmpty())
		.thenComparing((route) -> route.path().kind())
		.thenComparing(RoutePrecedence::compareSpecificity)
		.thenComparing((route) -> route.methods().isEmpty())
		.thenComparing(CompiledRoute::id);

	private RoutePrecedence() {
	}

	@Override
	public int compare(CompiledRoute left, CompiledRoute right) {
		return ORDER.compare(left, right);
	}

	// Kinds are equal here; more specific sorts first.
	private static int compareSpecificity(CompiledRoute left, CompiledRoute right) {
		String a = left.path().pattern();
		String b = right.path().pattern();
		if (left.path().kind() != PathMatch.Kind.TEMPLATE) {
			return Integer.compare(b.length(), a.length());
		}
		int bySegments = Integer.compare(literalSegments(b), literalSegments(a));
		if (bySegments != 0) {
			return bySegments;
		}
		int byRemainder = Boolean.compare(a.endsWith("/*"), b.endsWith("/*"));
		if (byRemainder != 0) {
			return byRemainder;
		}
		return Integer.compare(literalLength(b), literalLength(a));
	}

	private static int literalSegments(String pattern) {
		int count = 0;
		for (String segment : pattern.substring(1).split("/", -1)) {
			if (segment.indexOf('{') < 0 && !segment.equals("*")) {
				count++;
			}
		}
		return count;
	}

	private static int literalLength(String pattern) {
		int length = 0;
		for (String segment : pattern.substring(1).split("/", -1)) {
			if (!segment.equals("*")) {
				// The text outside the parameters: all of a literal segment, the literal
				// part of {name}.json, nothing of {id}.
				length += outsideBraces(segment);
			}
		}
		return length;
	}

	private static int outsideBraces(String segment) {
		int count = 0;
		boolean inside = false;
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (c == '{') {
				inside = true;
			}
			else if (c == '}') {
				inside = false;
			}
			else if (!inside) {
				count++;
			}
		}
		return count;
	}

}
