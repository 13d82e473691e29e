package io.sfintegration.config;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.Consumer;

/**
 * Server-side apply is on by default, against real clusters and in local mode (the embedded API implements it);
 * {@code sfio.kubernetes.server-side-apply=false} turns it off at run time for an API server that does not (fabric8's
 * plain mock answers 415 to apply patches), since QOSDK's own switch is fixed at build time.
 */
// looked up programmatically by QOSDK, so ArC must not remove it as unused
@Unremovable
@Singleton
public class ServerSideApplySwitch implements ConfigurationServiceCustomizer {

    @ConfigProperty(name = "sfio.kubernetes.server-side-apply", defaultValue = "true")
    boolean serverSideApply;

    @Override
    public Consumer<ConfigurationServiceOverrider> overrider() {
        return o -> o.withUseSSAToPatchPrimaryResource(serverSideApply);
    }
}
