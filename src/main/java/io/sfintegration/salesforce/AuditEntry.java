package io.sfintegration.salesforce;

import java.time.Instant;

/** A SetupAuditTrail row: who changed what in Setup, and when. */
public record AuditEntry(String id, Instant createdDate, String action, String section, String display,
                         String createdByUsername, String delegateUser) {
}
