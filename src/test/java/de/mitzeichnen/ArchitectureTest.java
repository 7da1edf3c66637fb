package de.mitzeichnen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.http.annotation.Controller;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code (docs/architecture.md, „Package map"), checked on the compiled classes so
 * that it stays so: features are flat packages, no two of them depend on each other in a circle,
 * and a table's repository is seen only by its owning feature.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("de.mitzeichnen");

    @Test
    void featuresDoNotDependOnEachOtherInACircle() {
        slices().matching("de.mitzeichnen.(*)..")
                .namingSlices("feature $1")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void aFeatureKeepsItsPagesInItsOwnPackage() {
        classes()
                .should()
                .resideInAnyPackage("de.mitzeichnen", "de.mitzeichnen.*")
                .because("a feature's console pages live in the feature, not in a sub-package")
                .check(CLASSES);
    }

    @Test
    void onlyTheOwningFeatureSeesATablesRepository() {
        classes()
                .that()
                .areAnnotatedWith(JdbcRepository.class)
                .or()
                .haveSimpleNameEndingWith("Repository")
                .should()
                .notBePublic()
                .because("other features read and write a table through its owner's API")
                .check(CLASSES);
    }

    @Test
    void controllersAreNotPartOfAFeaturesApi() {
        classes().that().areAnnotatedWith(Controller.class).should().notBePublic().check(CLASSES);
    }
}
