package io.sfintegration.controller;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

import java.time.Duration;
import java.util.Objects;

/** Writes status only when it changed: a reconcile that finds everything in place makes no Kubernetes write either. */
public final class StatusPatches {
    private StatusPatches() {
    }

    public static <S> S copy(S status, S empty) {
        return status == null ? empty : Serialization.clone(status);
    }

    /**
     * Writes the status at once, where no UpdateControl can carry it (a cleanup that keeps its finalizer).
     *
     * @return whether anything was written
     */
    public static <S, R extends CustomResource<?, S>> boolean patchNowIfChanged(KubernetesClient client, R resource, S before, S after) {
        if (Objects.equals(Serialization.asJson(before), Serialization.asJson(after))) {
            return false;
        }
        resource.setStatus(after);
        client.resource(resource).patchStatus();
        return true;
    }

    public static <S, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(R resource, S before, S after, Duration reschedule) {
        UpdateControl<R> control;
        if (Objects.equals(Serialization.asJson(before), Serialization.asJson(after))) {
            control = UpdateControl.noUpdate();
        } else {
            resource.setStatus(after);
            control = UpdateControl.patchStatus(resource);
        }
        return reschedule == null ? control : control.rescheduleAfter(reschedule);
    }
}
