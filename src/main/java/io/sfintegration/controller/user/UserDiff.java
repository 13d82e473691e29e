package io.sfintegration.controller.user;

import io.sfintegration.salesforce.Soql;
import io.sfintegration.salesforce.UserFields;
import io.sfintegration.salesforce.UserState;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Field-by-field differences between the desired user and the one in Salesforce, readable by people. */
final class UserDiff {
    private UserDiff() {
    }

    /** The fields to write (null where equal), or null when nothing differs. */
    static UserFields changes(UserFields want, UserFields have) {
        UserFields c = new UserFields(null,
                diff(want.email(), have.email(), true),
                diff(want.firstName(), have.firstName(), false),
                diff(want.lastName(), have.lastName(), false),
                diff(want.alias(), have.alias(), false),
                diff(want.timeZoneSidKey(), have.timeZoneSidKey(), false),
                diff(want.localeSidKey(), have.localeSidKey(), false),
                diff(want.languageLocaleKey(), have.languageLocaleKey(), false),
                diff(want.emailEncodingKey(), have.emailEncodingKey(), false),
                Soql.sameIdOrBothAbsent(want.profileId(), have.profileId()) ? null : want.profileId());
        return c.equals(new UserFields(null, null, null, null, null, null, null, null, null, null)) ? null : c;
    }

    static List<String> differences(DesiredUser want, UserState have) {
        List<String> out = new ArrayList<>();
        UserFields w = want.fields();
        UserFields h = have.user().fields();
        add(out, "email", w.email(), h.email(), true);
        add(out, "firstName", w.firstName(), h.firstName(), false);
        add(out, "lastName", w.lastName(), h.lastName(), false);
        add(out, "alias", w.alias(), h.alias(), false);
        add(out, "timeZone", w.timeZoneSidKey(), h.timeZoneSidKey(), false);
        add(out, "locale", w.localeSidKey(), h.localeSidKey(), false);
        add(out, "language", w.languageLocaleKey(), h.languageLocaleKey(), false);
        add(out, "emailEncoding", w.emailEncodingKey(), h.emailEncodingKey(), false);
        if (!Soql.sameIdOrBothAbsent(w.profileId(), h.profileId())) {
            out.add("profile: expected '" + want.profile().name() + "', found '" + have.user().profileName() + "'");
        }
        if (want.active() != have.user().active()) {
            out.add("active: expected " + want.active() + ", found " + have.user().active());
        }
        boolean frozen = have.login() != null && have.login().frozen();
        if (want.frozen() != frozen) {
            out.add("frozen: expected " + want.frozen() + ", found " + frozen);
        }
        return out;
    }

    private static void add(List<String> out, String name, String want, String have, boolean ignoreCase) {
        if (diff(want, have, ignoreCase) != null) {
            out.add(name + ": expected '" + want + "', found '" + have + "'");
        }
    }

    private static String diff(String want, String have, boolean ignoreCase) {
        String w = want == null ? "" : want;
        String h = have == null ? "" : have;
        boolean same = ignoreCase ? w.equalsIgnoreCase(h) : Objects.equals(w, h);
        return same ? null : want;
    }

}
