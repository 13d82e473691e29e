package io.sfintegration.controller.ownership;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@link OwnershipRecord}s in the {@value #ANNOTATION} annotation. A write is a merge patch of that one
 * annotation (no resourceVersion: nothing else in the object is touched), and the resource in hand takes the new
 * metadata, so the status patch that ends the reconcile does not fight it.
 */
public final class OwnershipRecords {

    public static final String ANNOTATION = "sfintegration.io/ownership";
    private static final ObjectMapper JSON = Serialization.jsonMapper();

    private final KubernetesClient kubernetes;

    public OwnershipRecords(KubernetesClient kubernetes) {
        this.kubernetes = kubernetes;
    }

    /** The record on the resource; empty when there is none. An unreadable record is treated as none (it proves nothing). */
    public static Optional<OwnershipRecord> read(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        String value = annotations == null ? null : annotations.get(ANNOTATION);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(value, OwnershipRecord.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** Writes the record durably before the caller goes on (the write-ahead the crash safety relies on). */
    public <R extends HasMetadata> void write(R resource, OwnershipRecord record) {
        if (read(resource).filter(record::equals).isPresent()) {
            return;
        }
        String value;
        try {
            value = JSON.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ObjectNode patch = JSON.createObjectNode();
        patch.putObject("metadata").putObject("annotations").put(ANNOTATION, value);
        @SuppressWarnings("unchecked")
        Class<R> kind = (Class<R>) resource.getClass();
        R updated = kubernetes.resources(kind).inNamespace(resource.getMetadata().getNamespace())
                .withName(resource.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
        Map<String, String> annotations = new HashMap<>(resource.getMetadata().getAnnotations() == null ? Map.of()
                : resource.getMetadata().getAnnotations());
        annotations.put(ANNOTATION, value);
        resource.getMetadata().setAnnotations(annotations);
        if (updated != null) {
            resource.getMetadata().setResourceVersion(updated.getMetadata().getResourceVersion());
        }
    }
}
