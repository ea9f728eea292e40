package dev.voicesession.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the host's wiring in one place and the emulator out of the production paths. */
@AnalyzeClasses(packages = "dev.voicesession.host", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theHostNeverUsesTheEmulator = noClasses()
            .should().dependOnClassesThat().resideInAPackage("dev.voicesession.emulator..")
            .because("the emulator is for the sandbox module and tests; a real bot never reaches it");

    @ArchTest
    static final ArchRule featuresDoNotReachBackIntoTheWiring = noClasses()
            .that().resideInAnyPackage("dev.voicesession.host.config..", "dev.voicesession.host.command..",
                    "dev.voicesession.host.queue..", "dev.voicesession.host.plugin..", "dev.voicesession.host.db..",
                    "dev.voicesession.host.lifecycle..", "dev.voicesession.host.jda..")
            .should().dependOnClassesThat().resideInAPackage("dev.voicesession.host")
            .because("BotHost wires the features together; the features do not know about it");

    @ArchTest
    static final ArchRule commandsDoNotDependOnPluginLoading = noClasses()
            .that().resideInAnyPackage("dev.voicesession.host.command..", "dev.voicesession.host.queue..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.voicesession.host.plugin..", "org.pf4j..")
            .because("commands and the queue work the same whether a plugin or the host contributed them");
}
