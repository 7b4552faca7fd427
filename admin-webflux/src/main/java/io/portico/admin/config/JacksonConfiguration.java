package io.portico.admin.config;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes request parsing strict: unknown fields, nulls for primitives, numbers from
 * strings, floats for integers and scalars for strings all fail, and no string may carry
 * an expression marker ({@code #{}), whatever record it belongs to.
 */
@Configuration(proxyBeanMethods = false)
class JacksonConfiguration {

	static final String EXPRESSION_MARKER = "#{";

	@Bean
	JsonMapperBuilderCustomizer strictRequestParsing() {
		return (builder) -> {
			SimpleModule module = new SimpleModule("portico-no-expressions");
			module.addDeserializer(String.class, new NoExpressionStringDeserializer());
			module.addKeyDeserializer(String.class, new NoExpressionKeyDeserializer());
			builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
				.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
				.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
				.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
				.withCoercionConfig(LogicalType.Textual,
						(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
							.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
							.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
				.withCoercionConfig(LogicalType.Integer,
						(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
							.setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
				.withCoercionConfig(LogicalType.Float,
						(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail))
				.withCoercionConfig(LogicalType.Boolean,
						(config) -> config.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
							.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
				.addModule(module);
		};
	}

	static boolean containsExpression(String value) {
		return value != null && value.contains(EXPRESSION_MARKER);
	}

	/**
	 * Reads strings like Jackson does, then refuses expression markers: values are data,
	 * never evaluated.
	 */
	static final class NoExpressionStringDeserializer extends ValueDeserializer<String> {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String value = StringDeserializer.instance.deserialize(parser, context);
			if (containsExpression(value)) {
				return (String) context.reportInputMismatch(String.class, "must not contain '#{'");
			}
			return value;
		}

		@Override
		public Object getNullValue(DeserializationContext context) {
			return null;
		}

	}

	/**
	 * Map keys (labels) get the same check as values.
	 */
	static final class NoExpressionKeyDeserializer extends KeyDeserializer {

		@Override
		public Object deserializeKey(String key, DeserializationContext context) {
			if (containsExpression(key)) {
				return context.reportInputMismatch(String.class, "must not contain '#{'");
			}
			return key;
		}

	}

}
