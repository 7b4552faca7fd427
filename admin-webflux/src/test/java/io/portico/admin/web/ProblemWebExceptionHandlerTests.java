package io.portico.admin.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * How Jackson failures and Java property paths become the JSON field names of a problem.
 */
class ProblemWebExceptionHandlerTests {

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	@Test
	void fromJson_unknownNestedField_namesItsPath() {
		JacksonException ex = catchThrowableOfType(JacksonException.class,
				() -> this.mapper.readValue("{\"items\": [{\"n\": 1}, {\"n\": 2, \"extra\": true}]}", Holder.class));
		ApiFieldError error = ProblemWebExceptionHandler.fromJson(ex);
		assertThat(error.field()).isEqualTo("items[1].extra");
		assertThat(error.message()).isEqualTo("unknown field");
	}

	@Test
	void fromJson_malformedJson_givesLineAndColumn() {
		JacksonException ex = catchThrowableOfType(JacksonException.class,
				() -> this.mapper.readValue("{\n  \"items\": [,]}", Holder.class));
		ApiFieldError error = ProblemWebExceptionHandler.fromJson(ex);
		assertThat(error.message()).startsWith("malformed JSON at line 2, column").doesNotContain("Source");
	}

	@Test
	void fromJson_wrongType_saysWhatWasExpected() {
		JacksonException ex = catchThrowableOfType(JacksonException.class,
				() -> this.mapper.readValue("{\"items\": [{\"n\": \"one\"}]}", Holder.class));
		ApiFieldError error = ProblemWebExceptionHandler.fromJson(ex);
		assertThat(error.field()).isEqualTo("items[0].n");
		assertThat(error.message()).isEqualTo("wrong type: expected an integer");
	}

	@Test
	void snakeCase_javaPropertyPath_becomesJsonPath() {
		assertThat(ProblemWebExceptionHandler.snakeCase("services[0].upstream.serviceRegistryId"))
			.isEqualTo("services[0].upstream.service_registry_id");
		assertThat(ProblemWebExceptionHandler.snakeCase("gatewayGroupId")).isEqualTo("gateway_group_id");
	}

	record Holder(List<Item> items) {

	}

	record Item(Integer n) {

	}

}
