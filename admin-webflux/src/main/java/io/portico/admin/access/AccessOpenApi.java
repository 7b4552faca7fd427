package io.portico.admin.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.portico.admin.web.PathObject;
import io.portico.admin.web.PathObjectArgumentResolver;
import io.swagger.v3.oas.models.Operation;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

/**
 * Writes each endpoint's required permission into its OpenAPI operation (description and
 * {@code x-portico-permissions}), from the same {@link Permitted} declarations the access
 * check enforces; public endpoints get an empty security requirement.
 */
@Component
class AccessOpenApi implements OperationCustomizer {

	private static final Pattern PARAMETER = Pattern.compile("^#(\\w+)$");

	private static final Pattern PATH_MEMBER = Pattern.compile("^#(\\w+)\\.(\\w+)\\(\\)$");

	private static final Pattern BODY_MEMBER = Pattern.compile("^#request\\.(\\w+)\\(\\)$");

	private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	@Override
	public Operation customize(Operation operation, HandlerMethod handlerMethod) {
		if (AnnotatedElementUtils.hasAnnotation(handlerMethod.getMethod(), Public.class)) {
			operation.setSecurity(List.of());
			return operation;
		}
		List<String> names = new ArrayList<>();
		for (Permitted permitted : AnnotatedElementUtils.findMergedRepeatableAnnotations(handlerMethod.getMethod(),
				Permitted.class)) {
			Permission permission = permitted.value();
			String where = !permission.groupBound() ? "" : permitted.group().isEmpty() ? " (in at least one group)"
					: " in the gateway group " + describeGroup(permitted.group(), handlerMethod);
			names.add("`" + permission.value() + "`" + where);
		}
		if (names.isEmpty()) {
			return operation;
		}
		String text = "**Required permission:** " + String.join(" and ", names) + ".";
		String description = operation.getDescription();
		operation.setDescription((description == null || description.isEmpty()) ? text : description + "\n\n" + text);
		operation.addExtension("x-portico-permissions",
				AnnotatedElementUtils.findMergedRepeatableAnnotations(handlerMethod.getMethod(), Permitted.class)
					.stream()
					.map((permitted) -> permitted.value().value())
					.toList());
		return operation;
	}

	/**
	 * Says where a group expression takes the group from, in the API's own names.
	 */
	static String describeGroup(String expression, HandlerMethod handlerMethod) {
		Matcher parameter = PARAMETER.matcher(expression);
		if (parameter.matches()) {
			for (MethodParameter candidate : handlerMethod.getMethodParameters()) {
				candidate.initParameterNameDiscovery(NAMES);
				if (!parameter.group(1).equals(candidate.getParameterName())) {
					continue;
				}
				PathVariable path = candidate.getParameterAnnotation(PathVariable.class);
				if (path != null) {
					String name = !path.value().isEmpty() ? path.value() : candidate.getParameterName();
					return "`{" + name + "}` of the path";
				}
				RequestParam query = candidate.getParameterAnnotation(RequestParam.class);
				if (query != null) {
					return "of the query parameter `" + query.name() + "`";
				}
			}
		}
		Matcher member = PATH_MEMBER.matcher(expression);
		if (member.matches()) {
			String variable = pathObjectVariable(member.group(1), member.group(2), handlerMethod);
			if (variable != null) {
				return "`{" + variable + "}` of the path";
			}
		}
		Matcher body = BODY_MEMBER.matcher(expression);
		if (body.matches()) {
			return "`" + CAMEL.matcher(body.group(1)).replaceAll("$1_$2").toLowerCase(Locale.ROOT) + "` of the body";
		}
		if (expression.equals("#bGroupId ?: #groupId")) {
			return "`b_gateway_group_id` (default: `{gg}`)";
		}
		return "`" + expression + "`";
	}

	/**
	 * The URI variable behind a component of a {@link PathObject} parameter, or
	 * {@code null} when the parameter is not one.
	 */
	private static String pathObjectVariable(String parameterName, String component, HandlerMethod handlerMethod) {
		for (MethodParameter candidate : handlerMethod.getMethodParameters()) {
			candidate.initParameterNameDiscovery(NAMES);
			Class<?> type = candidate.getParameterType();
			if (parameterName.equals(candidate.getParameterName()) && type.isAnnotationPresent(PathObject.class)) {
				return PathObjectArgumentResolver.variables(type).get(component);
			}
		}
		return null;
	}

}
