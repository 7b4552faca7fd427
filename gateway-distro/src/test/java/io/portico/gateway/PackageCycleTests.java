package io.portico.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * No package cycles in the gateway or in the modules on its class path (the route
 * compiler, the registry client and its secrets, the test upstream and test support):
 * every package under {@code io.portico} is one slice. The admin checks its own packages
 * in {@code AdminArchitectureTests}.
 */
class PackageCycleTests {

	@Test
	void packages_ofTheGatewayAndItsModules_formNoCycles() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.portico");
		assertThat(classes.stream().map((type) -> type.getPackageName().split("\\.")[2]).distinct()).contains("gateway",
				"compiler", "registry", "secrets");
		slices().matching("io.portico.(**)").should().beFreeOfCycles().check(classes);
	}

}
