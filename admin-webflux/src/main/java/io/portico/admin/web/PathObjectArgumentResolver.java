package io.portico.admin.web;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Binds a {@link PathObject} record from the URI template variables of the matched
 * handler, each component from the variable its {@link BindParam} names, decoded as for
 * {@code @PathVariable}.
 */
public class PathObjectArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return type.isRecord() && type.isAnnotationPresent(PathObject.class);
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		Map<String, String> uriVariables = exchange
			.getAttributeOrDefault(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of());
		Constructor<?> constructor = canonicalConstructor(parameter.getParameterType());
		Object[] values = variables(parameter.getParameterType()).values().stream().map(uriVariables::get).toArray();
		return Mono.fromSupplier(() -> BeanUtils.instantiateClass(constructor, values));
	}

	/**
	 * The URI variable of each component of a {@link PathObject} record.
	 * @param type the record
	 * @return URI variable names by component name, in component order
	 */
	public static Map<String, String> variables(Class<?> type) {
		RecordComponent[] components = type.getRecordComponents();
		Constructor<?> constructor = canonicalConstructor(type);
		Map<String, String> variables = new LinkedHashMap<>();
		for (int i = 0; i < components.length; i++) {
			BindParam name = constructor.getParameters()[i].getAnnotation(BindParam.class);
			variables.put(components[i].getName(), (name != null) ? name.value() : components[i].getName());
		}
		return variables;
	}

	private static Constructor<?> canonicalConstructor(Class<?> type) {
		Class<?>[] types = Arrays.stream(type.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		try {
			return type.getDeclaredConstructor(types);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException("A record without its canonical constructor: " + type, ex);
		}
	}

}
