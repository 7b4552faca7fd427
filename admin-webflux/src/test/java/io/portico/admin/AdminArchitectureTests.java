package io.portico.admin;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin's structure, held by ArchUnit: the publish workflows build on the core and
 * not on each other, controllers go through services, constructors stay small, and
 * packages form no cycles.
 */
class AdminArchitectureTests {

	private static JavaClasses classes;

	@BeforeAll
	static void importClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("io.portico.admin");
	}

	@Test
	void history_dependsOnTheCoreOnly_notOnPromoteOrCanary() {
		noClasses().that()
			.resideInAPackage("io.portico.admin.publish.history..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.portico.admin.publish.promote..", "io.portico.admin.publish.canary..")
			.check(classes);
	}

	@Test
	void promote_dependsOnTheCoreOnly_notOnHistoryOrCanary() {
		noClasses().that()
			.resideInAPackage("io.portico.admin.publish.promote..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.portico.admin.publish.history..", "io.portico.admin.publish.canary..")
			.check(classes);
	}

	@Test
	void canary_dependsOnTheCoreOnly_notOnHistoryOrPromote() {
		noClasses().that()
			.resideInAPackage("io.portico.admin.publish.canary..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.portico.admin.publish.history..", "io.portico.admin.publish.promote..")
			.check(classes);
	}

	@Test
	void core_dependsOnNoWorkflow() {
		noClasses().that()
			.resideInAPackage("io.portico.admin.publish")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.portico.admin.publish.history..", "io.portico.admin.publish.promote..",
					"io.portico.admin.publish.canary..")
			.check(classes);
	}

	@Test
	void controllers_neverTouchRepositories() {
		noClasses().that()
			.areAnnotatedWith(RestController.class)
			.should()
			.dependOnClassesThat(resideInAPackage("io.portico..").and(simpleNameEndingWith("Repository")))
			.check(classes);
	}

	@Test
	void constructors_takeAtMostSevenParameters() {
		// Records are data: their canonical constructors follow their components.
		assertThat(classes.stream()
			.filter((type) -> !type.reflect().isRecord())
			.flatMap((type) -> type.getConstructors().stream())
			.filter((constructor) -> constructor.getRawParameterTypes().size() > 7)
			.map(JavaConstructor::getFullName)).isEmpty();
	}

	@Test
	void packages_haveNoCycles() {
		slices().matching("io.portico.admin.(**)").should().beFreeOfCycles().check(classes);
	}

}
