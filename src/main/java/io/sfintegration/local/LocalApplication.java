package io.sfintegration.local;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.status.ConditionTypes;
import jakarta.inject.Inject;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;

/** Runs inside the operator's Quarkus application in local mode: waits for the org, says where things are, waits for Ctrl-C. */
public class LocalApplication implements QuarkusApplication {

    static final String KUBECONFIG_PROPERTY = "sfio.local.kubeconfig-path";
    static final String SALESFORCE_JSON_PROPERTY = "sfio.local.salesforce-json-path";
    static final String SALESFORCE_URL_PROPERTY = "sfio.local.salesforce-url";
    public static final String READY_LINE = "Local mode ready";

    @Inject
    KubernetesClient kubernetes;

    @Override
    public int run(String... args) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!orgReady() && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        double seconds = (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1000.0;
        String kubeconfig = System.getProperty(KUBECONFIG_PROPERTY);
        System.out.println();
        System.out.println("  Kubernetes API : " + kubernetes.getMasterUrl());
        System.out.println("  kubeconfig     : " + kubeconfig + "   (export KUBECONFIG=" + kubeconfig + ")");
        System.out.println("  Salesforce org : " + System.getProperty(SALESFORCE_URL_PROPERTY) + "   (details: " + System.getProperty(SALESFORCE_JSON_PROPERTY) + ")");
        System.out.println("  SalesforceOrg  : default/" + LocalMode.ORG_NAME + (orgReady() ? " is Ready" : " is NOT Ready yet: kubectl describe sforg local"));
        System.out.printf("%s in %.1f s. Try: kubectl apply -f deploy/examples/ && kubectl get salesforce. Ctrl-C stops.%n", READY_LINE, seconds);
        System.out.flush();
        Quarkus.waitForExit();
        return 0;
    }

    private boolean orgReady() {
        SalesforceOrg org = kubernetes.resources(SalesforceOrg.class).inNamespace(LocalMode.NAMESPACE).withName(LocalMode.ORG_NAME).get();
        return org != null && org.getStatus() != null && org.getStatus().isTrue(ConditionTypes.READY);
    }
}
