package io.sfintegration.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which drift sentences ("what: expected X, found Y", as UserDriftCheck, PermissionSetDiff and PermissionSetGrants
 * write them) say that Salesforce has less access than the spec: a person deactivated or froze the user, unassigned a
 * permission set or licence, or took a permission, object or field access or a grant away. Such drift is a security
 * response and is not undone unless spec.drift.restoreAccess is true; everything else (access added, fields renamed)
 * is corrected under policy Correct as before.
 */
final class AccessRemoval {

    private static final Pattern USER_PERMISSIONS = Pattern.compile("^userPermissions: expected \\[(.*)], found \\[(.*)]$");
    private static final Pattern ROWS = Pattern.compile("^(objectPermissions|fieldPermissions) (\\S+): expected (\\S+), found (.+)$");

    private AccessRemoval() {
    }

    /**
     * The differences split into removed access (for user permissions only the missing ones are named) and the rest,
     * what a correction under policy Correct may still put back (a sentence that both adds and removes is in both).
     */
    record Split(List<String> removed, List<String> others) {
    }

    static Split split(List<String> differences) {
        List<String> removed = removed(differences);
        List<String> others = new ArrayList<>();
        for (String d : differences) {
            if (!removed.contains(d) && !onlyRemoves(d)) {
                others.add(d);
            }
        }
        return new Split(removed, others);
    }

    /** A user permission or row sentence in which Salesforce has nothing more than the spec wants. */
    private static boolean onlyRemoves(String d) {
        Matcher p = USER_PERMISSIONS.matcher(d);
        if (p.matches()) {
            return names(p.group(1)).containsAll(names(p.group(2)));
        }
        Matcher r = ROWS.matcher(d);
        return r.matches() && !r.group(3).equals("none") && flags(r.group(3)).containsAll(flags(r.group(4)));
    }

    /** The sentences that describe removed access, in order; for user permissions only the missing ones are named. */
    static List<String> removed(List<String> differences) {
        List<String> out = new ArrayList<>();
        for (String d : differences) {
            if (d.equals("active: expected true, found false") || d.equals("frozen: expected false, found true")
                    || d.startsWith("permission set ") && d.endsWith(": expected assigned, found not assigned")
                    || d.endsWith(": expected granted, found not granted")) {
                out.add(d);
                continue;
            }
            Matcher p = USER_PERMISSIONS.matcher(d);
            if (p.matches()) {
                Set<String> have = names(p.group(2));
                names(p.group(1)).stream().filter(n -> !have.contains(n.toLowerCase(Locale.ROOT)))
                        .forEach(n -> out.add("userPermission " + n + ": expected enabled, found disabled"));
                continue;
            }
            Matcher r = ROWS.matcher(d);
            if (r.matches() && !r.group(3).equals("none") && !flags(r.group(4)).containsAll(flags(r.group(3)))) {
                out.add(d);
            }
        }
        return out;
    }

    private static Set<String> names(String list) {
        Set<String> out = new TreeSet<>();
        Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        Set<String> lower = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        lower.addAll(out);
        return lower;
    }

    /** "read+edit" as flags; "none" and "no access" have none. */
    private static Set<String> flags(String described) {
        Set<String> out = new TreeSet<>();
        if (!described.equals("none") && !described.equals("no access")) {
            out.addAll(Arrays.asList(described.split("\\+")));
        }
        return out;
    }
}
