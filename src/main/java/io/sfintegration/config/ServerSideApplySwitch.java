package io.sfintegration.config;

import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.quarkiverse.operatorsdk.runtime.api.ConfigurationServiceCustomizer;
import io.quarkus.arc.Unremovable;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.Consumer;

/**
 * Server-side apply stays on against real clusters; local mode turns it off at run time because the embedded mock
 * API server answers 415 to apply patches (QOSDK's own switch is fixed at build time).
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
