package dev.voicesession.voice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the voice plugin's packages free of cycles and its wiring in one place. */
@AnalyzeClasses(packages = "dev.voicesession.voice", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycles = slices()
            .matching("dev.voicesession.voice.(*)..")
            .should().beFreeOfCycles()
            .because("each package builds on the ones below it; a cycle makes every change reach everywhere");

    @ArchTest
    static final ArchRule onlyExtensionsKnowThePlugin = noClasses()
            .that().resideOutsideOfPackages("dev.voicesession.voice", "dev.voicesession.voice.extension..")
            .should().dependOnClassesThat().resideInAPackage("dev.voicesession.voice")
            .because("the parts get their collaborators handed in (VoiceWiring); only the extensions, which the host"
                    + " builds with the plugin, reach it");

    @ArchTest
    static final ArchRule onlyTheWiringBuildsTheParts = noClasses()
            .that().resideOutsideOfPackages("dev.voicesession.voice", "dev.voicesession.voice.wiring..",
                    "dev.voicesession.voice.extension..")
            .should().dependOnClassesThat().resideInAPackage("dev.voicesession.voice.wiring..")
            .because("VoiceWiring is the one place that knows every part");

    @ArchTest
    static final ArchRule storageKnowsNoSessionLogic = noClasses()
            .that().resideInAPackage("dev.voicesession.voice.db..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.voicesession.voice.session..",
                    "dev.voicesession.voice.command..", "dev.voicesession.voice.reconcile..",
                    "dev.voicesession.voice.extension..")
            .because("the table stores what the session logic decides; it does not use that logic");

    @ArchTest
    static final ArchRule noEmulatorInTheProduct = noClasses()
            .should().dependOnClassesThat().resideInAPackage("dev.voicesession.emulator..")
            .because("the emulator is for tests; an operator's bot never loads it");
}
