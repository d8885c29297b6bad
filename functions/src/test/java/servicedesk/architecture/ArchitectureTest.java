package servicedesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules, checked on the compiled functions: no package depends on itself through others; the
 * domain speaks no AWS, Lambda or twitter4j and knows neither the adapters nor the entry points; the
 * adapters know nothing of the entry points.
 */
class ArchitectureTest {
    /** Where the domain lives: the desk's rules, free of how they are run or stored. */
    static final String[] DOMAIN = {
            "servicedesk.admin..", "servicedesk.broadcast..", "servicedesk.catalog..", "servicedesk.console..", "servicedesk.format..",
            "servicedesk.http..", "servicedesk.incident..", "servicedesk.intake..", "servicedesk.notify..",
            "servicedesk.outage..", "servicedesk.privacy..", "servicedesk.records..", "servicedesk.relay..",
            "servicedesk.settings..", "servicedesk.status..", "servicedesk.targets.."};
    /** The adapters: Cognito, DynamoDB, SQS and SNS, the X API. */
    static final String[] ADAPTERS = {"servicedesk.cognito..", "servicedesk.dynamo..", "servicedesk.messaging..", "servicedesk.x.."};
    static final String ENTRY_POINTS = "servicedesk.lambda..";

    private static final JavaClasses FUNCTIONS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("servicedesk");

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("servicedesk.(*)..").should().beFreeOfCycles().check(FUNCTIONS);
    }

    @Test
    void theDomainSpeaksNoAwsLambdaOrTwitter4j() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "software.amazon..", "com.amazonaws..", "twitter4j..", "org.crac..")
                .check(FUNCTIONS);
    }

    @Test
    void theDomainKnowsNeitherAdaptersNorEntryPoints() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .orShould().dependOnClassesThat().resideInAPackage(ENTRY_POINTS)
                .check(FUNCTIONS);
    }

    @Test
    void adaptersKnowNothingOfEntryPoints() {
        noClasses().that().resideInAnyPackage(ADAPTERS)
                .should().dependOnClassesThat().resideInAPackage(ENTRY_POINTS)
                .check(FUNCTIONS);
    }

    @Test
    void everyPackageIsNamedInTheseRules() {
        List<String> named = Stream.concat(Stream.of(DOMAIN), Stream.concat(Stream.of(ADAPTERS), Stream.of(ENTRY_POINTS)))
                .map(pattern -> pattern.replace("..", "")).toList();
        assertThat(FUNCTIONS.stream().map(JavaClass::getPackageName).distinct())
                .as("the packages of the functions").hasSizeGreaterThan(10)
                .allSatisfy(name -> assertThat(named).as(name + " is named in the rules").contains(name));
    }
}
