package io.sfintegration;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.sfintegration.emulator.EmulatorMain;
import io.sfintegration.export.ExportCommand;
import io.sfintegration.local.LocalMode;

import java.util.Arrays;

/**
 * One jar, four ways to run it: the operator (default, against the cluster in the kubeconfig or the pod's service
 * account), {@code local} (the whole system in one process, see the README), {@code emulator} (the Salesforce org
 * emulator alone) and {@code export} (YAML for the integration users an org already has).
 */
@QuarkusMain
public final class OperatorMain {

    private OperatorMain() {
    }

    public static void main(String... args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (mode) {
            case "local" -> LocalMode.run(rest);
            case "emulator" -> EmulatorMain.main(rest);
            case "export" -> System.exit(ExportCommand.run(rest));
            default -> Quarkus.run(args);
        }
    }
}
