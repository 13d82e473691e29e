package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sfintegration.api.v1alpha1.ConditionedStatus;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.salesforce.OrgKey;
import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.controller.findings.UserFindings;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.UserState;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Writes the drift scan's findings to status: the Drifted condition of IntegrationUsers and PermissionSets and the
 * scan fields of SalesforceOrgs. Reads the latest version first and replaces status with optimistic locking, so a
 * concurrent reconcile's status write is never lost (a conflict is simply retried on the newer version).
 */
final class DriftStatusWriter {


    private static final int ATTEMPTS = 4;

    private final KubernetesClient kube;
    private final StatusConditions conditions;

    DriftStatusWriter(KubernetesClient kube, Clock clock) {
        this.kube = kube;
        this.conditions = new StatusConditions(clock);
    }

    /** Sets Drifted=True DriftDetected with the message, unless it already says exactly that. True when written. */
    <S extends ConditionedStatus, R extends CustomResource<?, S>> boolean markDrifted(Class<R> kind, R resource, String message) {
        return markDrifted(kind, resource, Reasons.DRIFT_DETECTED, message);
    }

    /** Sets Drifted=True with the reason and message, unless it already says exactly that. True when written. */
    <S extends ConditionedStatus, R extends CustomResource<?, S>> boolean markDrifted(Class<R> kind, R resource, String reason, String message) {
        return setDrifted(kind, resource, true, reason, message,
                c -> c != null && "True".equals(c.getStatus()) && reason.equals(c.getReason()) && message.equals(c.getMessage()));
    }

    /** Sets Drifted=False NoDrift, but only on a resource that is Drifted=True now. True when written. */
    <S extends ConditionedStatus, R extends CustomResource<?, S>> boolean markNoDrift(Class<R> kind, R resource, String message) {
        return setDrifted(kind, resource, false, Reasons.NO_DRIFT, message,
                c -> c == null || !"True".equals(c.getStatus()));
    }

    static boolean isDrifted(ConditionedStatus status) {
        return status != null && status.isTrue(ConditionTypes.DRIFTED);
    }

    static Optional<String> driftMessage(ConditionedStatus status) {
        return status == null ? Optional.empty() : status.condition(ConditionTypes.DRIFTED)
                .filter(c -> "True".equals(c.getStatus())).map(Condition::getMessage);
    }

    private <S extends ConditionedStatus, R extends CustomResource<?, S>> boolean setDrifted(
            Class<R> kind, R resource, boolean value, String reason, String message, Predicate<Condition> alreadyThere) {
        return update(kind, resource, status -> {
            Condition current = status.condition(ConditionTypes.DRIFTED).orElse(null);
            if (alreadyThere.test(current)) {
                return false;
            }
            // the condition describes the generation it looked at; observedGeneration stays the controller's to move
            Long observed = status.getObservedGeneration();
            long generation = resource.getMetadata().getGeneration() == null ? 0 : resource.getMetadata().getGeneration();
            conditions.set(status, generation, ConditionTypes.DRIFTED, value, reason, message);
            status.setObservedGeneration(observed);
            return true;
        });
    }

    /**
     * Writes status.lastLoginTime (to the day), status.findings and the Unused condition from the scan's user read,
     * only when one of them changed: a user that logs in all day costs at most one status write a day.
     */
    boolean userUsage(IntegrationUser user, UserState state, Instant now) {
        return update(IntegrationUser.class, user, status -> {
            IntegrationUserStatus s = (IntegrationUserStatus) status;
            String lastLogin = s.getLastLoginTime();
            java.util.List<String> findings = s.getFindings();
            Condition unused = s.condition(ConditionTypes.UNUSED).orElse(null);
            Long observed = s.getObservedGeneration();
            long generation = user.getMetadata().getGeneration() == null ? 0 : user.getMetadata().getGeneration();
            UserFindings.record(s, user.getSpec(), state, generation, conditions, now);
            s.setObservedGeneration(observed);
            Condition after = s.condition(ConditionTypes.UNUSED).orElse(null);
            return !Objects.equals(lastLogin, s.getLastLoginTime()) || !Objects.equals(findings, s.getFindings())
                    || unused == null || !Objects.equals(unused.getStatus(), after.getStatus()) || !Objects.equals(unused.getMessage(), after.getMessage());
        });
    }

    /** Writes lastDriftScan and effectiveDriftInterval on the org. */
    void orgScanned(SalesforceOrg org, String lastDriftScan, String effectiveInterval) {
        StatusEdit<SalesforceOrgStatus> edit = s -> {
            if (Objects.equals(s.getLastDriftScan(), lastDriftScan) && Objects.equals(s.getEffectiveDriftInterval(), effectiveInterval)) {
                return false;
            }
            if (lastDriftScan != null) {
                s.setLastDriftScan(lastDriftScan);
            }
            s.setEffectiveDriftInterval(effectiveInterval);
            return true;
        };
        if (OrgKey.isClusterView(org)) {
            // the view stands for the cluster object, whose status this is
            ClusterSalesforceOrg target = new ClusterSalesforceOrg();
            target.getMetadata().setName(org.getMetadata().getName());
            update(ClusterSalesforceOrg.class, target, edit);
        } else {
            update(SalesforceOrg.class, org, edit);
        }
    }

    interface StatusEdit<S> {
        /** Edits the status in place; false when nothing needs writing. */
        boolean apply(S status);
    }

    private <S extends ConditionedStatus, R extends CustomResource<?, S>> boolean update(Class<R> kind, R resource, StatusEdit<S> edit) {
        String namespace = resource.getMetadata().getNamespace();
        String name = resource.getMetadata().getName();
        for (int attempt = 1; ; attempt++) {
            // a cluster-scoped object (ClusterSalesforceOrg) has no namespace
            R latest = namespace == null ? kube.resources(kind).withName(name).get() : kube.resources(kind).inNamespace(namespace).withName(name).get();
            if (latest == null) {
                return false;
            }
            if (latest.getStatus() == null) {
                // only resources the controllers have reconciled (they have a status) are scanned
                return false;
            }
            if (!edit.apply(latest.getStatus())) {
                return false;
            }
            try {
                if (namespace == null) {
                    kube.resources(kind).resource(latest).updateStatus();
                } else {
                    kube.resources(kind).inNamespace(namespace).resource(latest).updateStatus();
                }
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt >= ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    static UnaryOperator<String> truncateTo(int max) {
        return s -> s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
