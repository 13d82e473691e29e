package io.sfintegration.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Field-level checks the rule classes share, with the error shapes a real org answers. */
final class FieldChecks {

    private FieldChecks() {
    }

    /**
     * One REQUIRED_FIELD_MISSING naming every missing field, as a real org answers ("Required fields are missing:
     * [LastName, Email]" with fields [LastName, Email]; REST API Developer Guide, "Status Codes and Error Responses",
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm). On update only fields
     * being set to blank count.
     */
    static void requireAll(List<String> required, Map<String, Object> f, boolean onlyPresent) {
        List<String> missing = new ArrayList<>();
        for (String r : required) {
            if ((!onlyPresent || f.containsKey(r)) && blank(f.get(r))) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.bad("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing.toArray(String[]::new));
        }
    }

    /**
     * A value outside a restricted picklist (ObjectPermissions.SobjectType, FieldPermissions.Field and SobjectType are
     * restricted picklists: Object Reference, "ObjectPermissions" and "FieldPermissions") is refused with
     * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, "bad value for restricted picklist field: X" (StatusCode list of the SOAP
     * API Developer Guide, "Core Data Types Used in API Calls",
     * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm).
     */
    static ApiException badPicklistValue(String field, Object value) {
        return ApiException.bad("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "bad value for restricted picklist field: " + value, field);
    }

    static boolean bool(Map<String, Object> f, String k) {
        return Boolean.TRUE.equals(f.get(k));
    }

    private static boolean blank(Object v) {
        return v == null || v.toString().isBlank();
    }
}
