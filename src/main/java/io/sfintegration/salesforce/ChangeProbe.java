package io.sfintegration.salesforce;

import java.util.List;

/**
 * The cheap "did anything change since T" answer used before a full drift read.
 *
 * @param auditEntries  SetupAuditTrail rows since T
 * @param recordsChanged whether any user, login, assignment, permission set or permission row has a newer SystemModstamp
 */
public record ChangeProbe(List<AuditEntry> auditEntries, boolean recordsChanged) {
    public boolean anythingChanged() {
        return recordsChanged || !auditEntries.isEmpty();
    }
}
