package io.sfintegration.emulator;

import java.util.HashMap;
import java.util.Map;

/** Writes SetupAuditTrail rows: one per setup change made through the API, with who made it. */
final class AuditTrail {

    private final OrgStore store;

    AuditTrail(OrgStore store) {
        this.store = store;
    }

    void record(String actorId, String action, String section, String display) {
        Map<String, Object> row = new HashMap<>();
        row.put("Action", action);
        row.put("Section", section);
        row.put("Display", display);
        row.put("CreatedById", actorId);
        row.put("LastModifiedById", actorId);
        store.insertRaw("SetupAuditTrail", row);
    }
}
