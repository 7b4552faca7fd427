package io.portico.testsupport;

import java.util.List;
import java.util.Map;

import io.portico.testsupport.PsqlScript.Step;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link PsqlScript} substitutes and splits as psql does, and refuses what it does not
 * emulate.
 */
class PsqlScriptTests {

	@Test
	void steps_variablesAsLiteralIdentifierAndRaw_areQuotedAsPsqlQuotesThem() {
		PsqlScript script = PsqlScript
			.of("alter role :\"role\" password :'password';\ngrant usage on schema :schema to :\"role\";\n");

		List<Step> steps = script.steps(Map.of("role", "Gate\"way", "password", "it's", "schema", "public"));

		assertThat(steps).containsExactly(new Step("alter role \"Gate\"\"way\" password 'it''s'", false),
				new Step("grant usage on schema public to \"Gate\"\"way\"", false));
	}

	@Test
	void steps_gexecCommentsSetAndCasts_becomeStepsWithoutComments() {
		PsqlScript script = PsqlScript.of("""
				-- a comment with :'not_a_variable'; and a semicolon
				\\set ON_ERROR_STOP on
				select format('create role %I', :'role')
				where 1 = 1::int \\gexec
				select ':role;' ; -- quoted text is left alone
				""");

		List<Step> steps = script.steps(Map.of("role", "gw"));

		assertThat(steps).containsExactly(new Step("select format('create role %I', 'gw')\nwhere 1 = 1::int", true),
				new Step("select ':role;'", false));
	}

	@Test
	void steps_undefinedVariable_isAnErrorNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> PsqlScript.of("select :'missing';").steps(Map.of()))
			.withMessageContaining("missing");
	}

	@Test
	void steps_unsupportedCommandOrDollarQuoting_isAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> PsqlScript.of("\\connect other\n").steps(Map.of()))
			.withMessageContaining("\\connect");
		assertThatIllegalArgumentException().isThrownBy(() -> PsqlScript.of("do $$ begin end $$;").steps(Map.of()))
			.withMessageContaining("Dollar");
	}

	@Test
	void steps_statementWithoutTerminator_isAnError() {
		assertThatIllegalArgumentException().isThrownBy(() -> PsqlScript.of("select 1").steps(Map.of()))
			.withMessageContaining("select 1");
	}

	@Test
	void fromClasspath_gatewayAccountScript_isReadWithItsVariables() {
		PsqlScript script = PsqlScript.fromClasspath("db/gateway-account.sql");

		List<Step> steps = script.steps(Map.of("gateway_role", "gw", "gateway_password", "p", "schema", "s"));

		assertThat(steps).isNotEmpty().anySatisfy((step) -> assertThat(step.gexec()).isTrue());
		assertThat(steps).extracting(Step::sql).noneMatch((sql) -> sql.contains(":"));
	}

}
