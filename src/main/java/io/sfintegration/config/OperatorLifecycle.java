package io.sfintegration.config;

import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Starts and stops the operator with the application. Quarkus Operator SDK does this itself only for applications
 * without their own main; ours has one ({@link io.sfintegration.OperatorMain}: operator, local mode, emulator).
 */
@ApplicationScoped
public class OperatorLifecycle {

    private static final Logger LOG = Logger.getLogger(OperatorLifecycle.class);

    @ConfigProperty(name = "sfio.operator.start", defaultValue = "true")
    boolean start;

    void onStart(@Observes StartupEvent event, Operator operator) {
        if (!start) {
            LOG.info("sfio.operator.start=false: the controllers are not started");
            return;
        }
        LOG.infof("Starting the operator with %d controllers", operator.getRegisteredControllersNumber());
        // JOSDK 5.3.x's retry timer can throw or die when a delete races a reschedule (RetryTimerFix)
        RetryTimerFix.install(operator);
        operator.start();
    }

    void onStop(@Observes ShutdownEvent event, Operator operator) {
        if (start) {
            operator.stop();
        }
    }
}
