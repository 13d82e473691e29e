package io.sfintegration.drift;

import io.sfintegration.salesforce.AuditEntry;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Names who changed a record, from the SetupAuditTrail rows the change probe returned. A row belongs to a user or a
 * permission set when its Display (or Action) names it, e.g. "Changed permission set MAD: ..." or "Froze user
 * jane@acme.example". SetupAuditTrail: https://developer.salesforce.com/docs/platform/object-reference/references/standard-objects/object-setupaudittrail.html
 */
final class AuditAttribution {

    private final List<AuditEntry> entries;

    AuditAttribution(List<AuditEntry> entries) {
        this.entries = entries == null ? List.of() : entries;
    }

    /** The latest row that names one of the tokens (username, id, API name, label) as a whole word. */
    Optional<AuditEntry> latestNaming(Collection<String> tokens) {
        return entries.stream()
                .filter(e -> tokens.stream().anyMatch(t -> names(e.display(), t) || names(e.action(), t)))
                .max(Comparator.comparing(AuditEntry::createdDate, Comparator.nullsFirst(Comparator.naturalOrder())));
    }

    static boolean names(String text, String token) {
        if (text == null || token == null || token.length() < 3) {
            return false;
        }
        String haystack = text.toLowerCase(Locale.ROOT);
        String needle = token.toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int at = haystack.indexOf(needle, from);
            if (at < 0) {
                return false;
            }
            int end = at + needle.length();
            boolean startsWord = at == 0 || !wordChar(haystack.charAt(at - 1));
            // a sentence may end right after a username, but "bob@acme.example" must not match "bob@acme.example.com"
            boolean endsWord = end == haystack.length() || !wordChar(haystack.charAt(end))
                    && !(haystack.charAt(end) == '.' && end + 1 < haystack.length() && wordChar(haystack.charAt(end + 1)));
            if (startsWord && endsWord) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
