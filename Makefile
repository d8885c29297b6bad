# sam build calls build-<FunctionLogicalId> for every function (BuildMethod: makefile in template.yaml).
# All functions share one shaded jar, built once; Lambda's Java runtime puts lib/*.jar on the classpath.
FUNCTIONS := WebhookFunction ProcessorFunction StreamRelayFunction SenderFunction AdminApiFunction CatalogSeedFunction TimelineFunction AffectedReportersFunction TargetWatchFunction ReconcilerFunction StatusFunction ConsoleFunction
ROOT := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
JAR := $(ROOT)functions/target/functions.jar
SOURCES := $(shell find $(ROOT)functions/src/main -type f) $(ROOT)pom.xml $(ROOT)functions/pom.xml

.PHONY: $(addprefix build-,$(FUNCTIONS))

$(JAR): $(SOURCES)
	cd $(ROOT) && JAVA_HOME="$$(infra/java-home)" mvn -q -B -pl functions -am package -DskipTests

$(addprefix build-,$(FUNCTIONS)): $(JAR)
	mkdir -p "$(ARTIFACTS_DIR)/lib"
	cp $(JAR) "$(ARTIFACTS_DIR)/lib/"
