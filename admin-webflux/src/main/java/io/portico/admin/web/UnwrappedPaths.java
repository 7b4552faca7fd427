package io.portico.admin.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * Drops the record components marked {@link JsonUnwrapped} from a bean-validation
 * property path, so that {@code services[0].runtime.upstream} of a request whose
 * {@code runtime} is unwrapped is reported as {@code services[0].upstream}, the field the
 * client sent.
 */
final class UnwrappedPaths {

	private static final Pattern SEGMENT = Pattern.compile("([^.\\[]+)((?:\\[[^\\]]*\\])*)");

	private UnwrappedPaths() {
	}

	/**
	 * The path as the client wrote it.
	 * @param target the validated object's class, or {@code null} when unknown
	 * @param javaPath the property path, e.g. {@code services[0].runtime.upstream}
	 * @return the path without unwrapped components
	 */
	static String strip(Class<?> target, String javaPath) {
		if (target == null || !target.isRecord()) {
			return javaPath;
		}
		StringBuilder path = new StringBuilder();
		Type current = target;
		for (String part : javaPath.split("\\.")) {
			Matcher matcher = SEGMENT.matcher(part);
			RecordComponent component = (matcher.matches()) ? component(current, matcher.group(1)) : null;
			boolean unwrapped = component != null && component.getAccessor().isAnnotationPresent(JsonUnwrapped.class);
			if (!unwrapped) {
				path.append((path.length() > 0) ? "." : "").append(part);
			}
			current = (component != null) ? element(component.getGenericType(), !matcher.group(2).isEmpty()) : null;
		}
		return path.toString();
	}

	private static RecordComponent component(Type type, String name) {
		if (!(type instanceof Class<?> type1) || !type1.isRecord()) {
			return null;
		}
		for (RecordComponent component : type1.getRecordComponents()) {
			if (component.getName().equals(name)) {
				return component;
			}
		}
		return null;
	}

	/** The element type behind an index ({@code List<T>} → {@code T}), else the type. */
	private static Type element(Type type, boolean indexed) {
		if (indexed && type instanceof ParameterizedType parameterized
				&& parameterized.getRawType() instanceof Class<?> raw && Collection.class.isAssignableFrom(raw)) {
			return parameterized.getActualTypeArguments()[0];
		}
		return (type instanceof ParameterizedType parameterized) ? parameterized.getRawType() : type;
	}

}
