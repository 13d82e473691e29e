package io.sfintegration.controller;

import io.fabric8.kubernetes.client.CustomResource;
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
