package io.sfintegration.controller.plan;

import io.sfintegration.api.v1alpha1.ConditionedStatus;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusConditions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * status.plan: the Salesforce changes applying a spec would make, written as actions ("assign permission set licence
 * X", "profile: A -> B", "deactivate"). It is not a second diff engine: the lines are the differences the drift
 * checks and the reconcilers already compute ("what: expected X, found Y"), turned around into what would be done.
 * Capped at {@link #MAX_LINES} lines so a large difference cannot blow up the status object.
 */
public final class Plan {

    public static final int MAX_LINES = 20;

    private static final Pattern SENTENCE = Pattern.compile("^(.*?): expected (.*), found (.*)$");
    private static final Pattern LIST = Pattern.compile("^\\[(.*)]$");

    private Plan() {
    }

    /**
     * Plan lines from difference sentences.
     *
     * @param permissionSetName the permission set the sentences are about (for "remove permission X from NAME"), or null for a user
     */
    public static List<String> fromDifferences(List<String> differences, String permissionSetName) {
        List<String> out = new ArrayList<>();
        for (String d : differences) {
            Matcher m = SENTENCE.matcher(d);
            if (!m.matches()) {
                out.add(d);
                continue;
            }
            String what = m.group(1);
            String want = m.group(2);
            String have = m.group(3);
            if (what.startsWith("permission set licence ") || what.startsWith("permission set ")) {
                out.add(("assigned".equals(want) ? "assign " : "unassign ") + what);
            } else if (what.equals("active")) {
                out.add("true".equals(want) ? "activate" : "deactivate");
            } else if (what.equals("frozen")) {
                out.add("true".equals(want) ? "freeze" : "unfreeze");
            } else if (what.equals("userPermissions")) {
                permissions(out, want, have, permissionSetName);
            } else if ("none".equals(have)) {
                out.add("add " + what + ": " + want);
            } else if ("none".equals(want)) {
                out.add("remove " + what + ": " + have);
            } else {
                out.add(what + ": " + unquote(have) + " -> " + unquote(want));
            }
        }
        return out;
    }

    /** The plan of a record that does not exist yet: create it, then what the spec adds to it. */
    public static List<String> creation(String what, List<String> then) {
        List<String> out = new ArrayList<>();
        out.add("create " + what);
        out.addAll(then);
        return out;
    }

    /** At most MAX_LINES lines; the last says how many more there were. */
    public static List<String> capped(List<String> lines) {
        if (lines.size() <= MAX_LINES) {
            return List.copyOf(lines);
        }
        List<String> out = new ArrayList<>(lines.subList(0, MAX_LINES - 1));
        out.add("... and " + (lines.size() - MAX_LINES + 1) + " more changes");
        return out;
    }

    /** Writes status.plan (capped; absent when empty, which keeps a synced status small) and the Planned condition. */
    public static void record(ConditionedStatus status, List<String> lines, long generation, StatusConditions conditions,
                              java.util.function.Consumer<List<String>> setPlan, String observeNote) {
        List<String> plan = capped(lines);
        setPlan.accept(plan.isEmpty() ? null : plan);
        if (plan.isEmpty()) {
            conditions.set(status, generation, ConditionTypes.PLANNED, false, Reasons.NO_CHANGES,
                    "Salesforce matches the spec" + observeNote);
        } else {
            conditions.set(status, generation, ConditionTypes.PLANNED, true, Reasons.CHANGES_PLANNED,
                    lines.size() + (lines.size() == 1 ? " change" : " changes") + " planned, see status.plan" + observeNote);
        }
    }

    private static void permissions(List<String> out, String want, String have, String permissionSetName) {
        Set<String> wanted = names(want);
        Set<String> had = names(have);
        String from = permissionSetName == null ? "" : " from " + permissionSetName;
        String to = permissionSetName == null ? "" : " to " + permissionSetName;
        for (String h : had) {
            if (!containsIgnoreCase(wanted, h)) {
                out.add("remove permission " + h + from);
            }
        }
        for (String w : wanted) {
            if (!containsIgnoreCase(had, w)) {
                out.add("add permission " + w + to);
            }
        }
    }

    private static boolean containsIgnoreCase(Set<String> names, String name) {
        return names.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    private static Set<String> names(String list) {
        Set<String> out = new TreeSet<>();
        Matcher m = LIST.matcher(list.trim());
        String inner = m.matches() ? m.group(1) : list;
        for (String s : inner.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("'") && s.endsWith("'") ? s.substring(1, s.length() - 1) : s;
    }
}
