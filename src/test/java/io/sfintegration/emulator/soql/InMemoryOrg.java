package io.sfintegration.emulator.soql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A tiny org for engine tests: schemas plus records, looked up by 15- or 18-character id. */
final class InMemoryOrg implements SoqlDataSource {
    private final Map<String, ObjectSchema> schemas = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> records = new HashMap<>();
    private final Map<String, List<Map<String, Object>>> deleted = new HashMap<>();
    private final Map<String, Map<String, Object>> byId15 = new HashMap<>();

    InMemoryOrg object(String name, String prefix, FieldSchema... fields) {
        Map<String, FieldSchema> map = new LinkedHashMap<>();
        map.put("id", new FieldSchema("Id", FieldType.ID, null, List.of(), false, false, false));
        for (FieldSchema f : fields) {
            map.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        schemas.put(name.toLowerCase(Locale.ROOT), new ObjectSchema(name, prefix, map));
        records.put(name, new ArrayList<>());
        deleted.put(name, new ArrayList<>());
        return this;
    }

    static FieldSchema field(String name, FieldType type) {
        return new FieldSchema(name, type, null, List.of(), true, true, true);
    }

    static FieldSchema ref(String name, String relationship, String... to) {
        return new FieldSchema(name, FieldType.REFERENCE, relationship, List.of(to), true, true, true);
    }

    /** Adds a record; keyValues alternate field name and value. */
    Map<String, Object> add(String object, String id, Object... keyValues) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Id", id);
        for (int k = 0; k < keyValues.length; k += 2) {
            r.put((String) keyValues[k], keyValues[k + 1]);
        }
        records.get(object).add(r);
        byId15.put(id.substring(0, 15), r);
        return r;
    }

    void addDeleted(String object, String id, Object... keyValues) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("Id", id);
        for (int k = 0; k < keyValues.length; k += 2) {
            r.put((String) keyValues[k], keyValues[k + 1]);
        }
        deleted.get(object).add(r);
    }

    @Override
    public ObjectSchema schema(String objectName) {
        return schemas.get(objectName.toLowerCase(Locale.ROOT));
    }

    @Override
    public Iterable<Map<String, Object>> records(String objectName, boolean includeDeleted) {
        List<Map<String, Object>> out = new ArrayList<>(records.get(objectName));
        if (includeDeleted) {
            out.addAll(deleted.get(objectName));
        }
        return out;
    }

    @Override
    public Map<String, Object> byId(String id) {
        return id.length() < 15 ? null : byId15.get(id.substring(0, 15));
    }
}
