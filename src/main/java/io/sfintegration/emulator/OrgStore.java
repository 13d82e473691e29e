package io.sfintegration.emulator;

import io.sfintegration.emulator.soql.FieldSchema;
import io.sfintegration.emulator.soql.ObjectSchema;
import io.sfintegration.emulator.soql.SoqlDataSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The emulated org's records. Reads (SOQL, retrieve) share a read lock and get copies; every write goes through
 * {@link OrgRules} under the write lock, so concurrent clients see the same rules a real org applies.
 */
final class OrgStore implements SoqlDataSource {

    private final Schemas schemas;
    private final IdGenerator ids;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private Map<String, LinkedHashMap<String, Map<String, Object>>> byObject = new HashMap<>();
    private Map<String, Map<String, Object>> byKey = new HashMap<>();
    private Map<String, List<Map<String, Object>>> deleted = new HashMap<>();
    private OrgRules rules;

    OrgStore(Schemas schemas, IdGenerator ids, Clock clock) {
        this.schemas = schemas;
        this.ids = ids;
        this.clock = clock;
    }

    void rules(OrgRules rules) {
        this.rules = rules;
    }

    OrgRules rules() {
        return rules;
    }

    Schemas schemas() {
        return schemas;
    }

    // ---- SoqlDataSource ----

    @Override
    public ObjectSchema schema(String objectName) {
        return schemas.get(objectName);
    }

    @Override
    public Iterable<Map<String, Object>> records(String objectName, boolean includeDeleted) {
        return read(() -> {
            ObjectSchema s = schemas.get(objectName);
            List<Map<String, Object>> out = new ArrayList<>();
            for (Map<String, Object> r : byObject.getOrDefault(s.name(), new LinkedHashMap<>()).values()) {
                out.add(decorate(s.name(), r));
            }
            if (includeDeleted) {
                deleted.getOrDefault(s.name(), List.of()).forEach(r -> out.add(new HashMap<>(r)));
            }
            return out;
        });
    }

    @Override
    public Map<String, Object> byId(String id) {
        String key = IdGenerator.key(id);
        if (key == null) {
            return null;
        }
        return read(() -> {
            Map<String, Object> r = byKey.get(key);
            return r == null ? null : decorate(typeOf(r), r);
        });
    }

    // ---- record API used by the REST front ----

    Map<String, Object> get(String type, String id) {
        if (IdGenerator.key(id) == null) {
            // what a real org answers: a text that is not an id is read as an external id value
            throw new ApiException(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id);
        }
        Map<String, Object> r = byId(id);
        if (r == null || !typeOf(r).equalsIgnoreCase(type)) {
            throw new ApiException(404, "NOT_FOUND", "The requested resource does not exist");
        }
        return r;
    }

    String create(String type, Map<String, Object> input, String actorId) {
        ObjectSchema schema = requireType(type);
        return write(() -> {
            Map<String, Object> fields = normalize(schema, input, true);
            rules.beforeCreate(schema.name(), fields, actorId);
            String id = ids.next(schema.keyPrefix());
            Instant now = clock.instant();
            Map<String, Object> record = new HashMap<>(fields);
            // Salesforce checkboxes are never null: unset ones are false
            for (FieldSchema f : schema.fields().values()) {
                if (f.type() == io.sfintegration.emulator.soql.FieldType.BOOLEAN && record.get(f.name()) == null) {
                    record.put(f.name(), false);
                }
            }
            record.put("Id", id);
            record.put("__type", schema.name());
            if (schema.field("CreatedDate") != null) {
                record.put("CreatedDate", now);
                record.put("CreatedById", actorId);
                record.put("LastModifiedDate", now);
                record.put("LastModifiedById", actorId);
            }
            record.put("SystemModstamp", now);
            record.put("IsDeleted", false);
            insert(schema.name(), record);
            rules.afterCreate(schema.name(), record, actorId);
            return id;
        });
    }

    void update(String type, String id, Map<String, Object> input, String actorId) {
        ObjectSchema schema = requireType(type);
        write(() -> {
            Map<String, Object> record = existing(schema, id);
            Map<String, Object> fields = normalize(schema, input, false);
            fields.remove("Id");
            Map<String, Object> before = new HashMap<>(record);
            rules.beforeUpdate(schema.name(), record, fields, actorId);
            boolean changed = fields.entrySet().stream().anyMatch(e -> !java.util.Objects.equals(record.get(e.getKey()), e.getValue()));
            record.putAll(fields);
            if (changed) {
                Instant now = clock.instant();
                if (schema.field("LastModifiedDate") != null) {
                    record.put("LastModifiedDate", now);
                    record.put("LastModifiedById", actorId);
                }
                record.put("SystemModstamp", now);
                rules.afterUpdate(schema.name(), before, record, actorId);
            }
            return null;
        });
    }

    void delete(String type, String id, String actorId) {
        ObjectSchema schema = requireType(type);
        write(() -> {
            Map<String, Object> record = existing(schema, id);
            rules.beforeDelete(schema.name(), record, actorId);
            remove(schema.name(), record);
            rules.afterDelete(schema.name(), record, actorId);
            return null;
        });
    }

    /** Inserts a record as the seed or a rule does: no validation, fields already canonical. */
    String insertRaw(String type, Map<String, Object> fields) {
        ObjectSchema schema = requireType(type);
        Map<String, Object> record = new HashMap<>(fields);
        record.putIfAbsent("Id", ids.next(schema.keyPrefix()));
        record.put("__type", schema.name());
        Instant now = clock.instant();
        if (schema.field("CreatedDate") != null) {
            record.putIfAbsent("CreatedDate", now);
            record.putIfAbsent("LastModifiedDate", now);
        }
        record.putIfAbsent("SystemModstamp", now);
        record.put("IsDeleted", false);
        insert(schema.name(), record);
        return (String) record.get("Id");
    }

    /** Sets fields as the platform does (no rules, no audit, LastModifiedDate untouched); SystemModstamp moves. */
    void touchRaw(String id, Map<String, Object> fields) {
        write(() -> {
            Map<String, Object> record = liveById(id);
            if (record != null) {
                record.putAll(fields);
                record.put("SystemModstamp", clock.instant());
            }
            return null;
        });
    }

    Clock clock() {
        return clock;
    }

    void removeRaw(String type, Map<String, Object> record) {
        remove(requireType(type).name(), record);
    }

    /** Live records of a type, without copying: only for rules, under the write lock. */
    Iterable<Map<String, Object>> live(String type) {
        return byObject.getOrDefault(requireType(type).name(), new LinkedHashMap<>()).values();
    }

    Map<String, Object> liveById(String id) {
        String key = IdGenerator.key(id);
        return key == null ? null : byKey.get(key);
    }

    /** Runs writes that succeed or fail together (allOrNone): on failure the store is put back as it was. */
    <T> T atomically(Supplier<T> work) {
        lock.writeLock().lock();
        Map<String, LinkedHashMap<String, Map<String, Object>>> savedObjects = deepCopy(byObject);
        Map<String, List<Map<String, Object>>> savedDeleted = new HashMap<>();
        deleted.forEach((k, v) -> savedDeleted.put(k, new ArrayList<>(v)));
        try {
            return work.get();
        } catch (RuntimeException e) {
            restore(savedObjects, savedDeleted);
            throw e;
        } finally {
            lock.writeLock().unlock();
        }
    }

    void clear() {
        write(() -> {
            byObject = new HashMap<>();
            byKey = new HashMap<>();
            deleted = new HashMap<>();
            return null;
        });
    }

    <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    static String typeOf(Map<String, Object> record) {
        return (String) record.get("__type");
    }

    ObjectSchema requireType(String type) {
        ObjectSchema schema = schemas.get(type);
        if (schema == null) {
            throw new ApiException(404, "NOT_FOUND", "The requested resource does not exist");
        }
        return schema;
    }

    private Map<String, Object> existing(ObjectSchema schema, String id) {
        if (IdGenerator.key(id) == null) {
            throw new ApiException(404, "NOT_FOUND", "Provided external ID field does not exist or is not accessible: " + id);
        }
        Map<String, Object> record = liveById(id);
        if (record == null) {
            boolean wasDeleted = deleted.getOrDefault(schema.name(), List.of()).stream()
                    .anyMatch(r -> IdGenerator.key((String) r.get("Id")).equals(IdGenerator.key(id)));
            if (wasDeleted) {
                throw ApiException.bad("ENTITY_IS_DELETED", "entity is deleted");
            }
            throw new ApiException(404, "NOT_FOUND", "The requested resource does not exist");
        }
        if (!typeOf(record).equals(schema.name())) {
            throw new ApiException(404, "NOT_FOUND", "The requested resource does not exist");
        }
        return record;
    }

    private void insert(String type, Map<String, Object> record) {
        String key = IdGenerator.key((String) record.get("Id"));
        byObject.computeIfAbsent(type, k -> new LinkedHashMap<>()).put(key, record);
        byKey.put(key, record);
    }

    private void remove(String type, Map<String, Object> record) {
        String key = IdGenerator.key((String) record.get("Id"));
        byObject.getOrDefault(type, new LinkedHashMap<>()).remove(key);
        byKey.remove(key);
        Map<String, Object> gone = new HashMap<>(record);
        gone.put("IsDeleted", true);
        gone.put("SystemModstamp", clock.instant());
        deleted.computeIfAbsent(type, k -> new ArrayList<>()).add(gone);
    }

    private void restore(Map<String, LinkedHashMap<String, Map<String, Object>>> objects, Map<String, List<Map<String, Object>>> gone) {
        byObject = objects;
        byKey = new HashMap<>();
        objects.values().forEach(m -> m.forEach(byKey::put));
        deleted = gone;
    }

    private static Map<String, LinkedHashMap<String, Map<String, Object>>> deepCopy(Map<String, LinkedHashMap<String, Map<String, Object>>> source) {
        Map<String, LinkedHashMap<String, Map<String, Object>>> copy = new HashMap<>();
        source.forEach((type, records) -> {
            LinkedHashMap<String, Map<String, Object>> m = new LinkedHashMap<>();
            records.forEach((k, r) -> m.put(k, new HashMap<>(r)));
            copy.put(type, m);
        });
        return copy;
    }

    /** Copies a record for readers, filling in the fields Salesforce computes. */
    private Map<String, Object> decorate(String type, Map<String, Object> r) {
        Map<String, Object> copy = new HashMap<>(r);
        if (rules != null) {
            rules.computed(type, copy);
        }
        return copy;
    }

    /** Canonical field names and typed values; refuses unknown and read-only fields as Salesforce does. */
    private Map<String, Object> normalize(ObjectSchema schema, Map<String, Object> input, boolean create) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : input.entrySet()) {
            String name = e.getKey();
            if (name.equals("attributes") || (!create && name.equalsIgnoreCase("Id"))) {
                continue;
            }
            FieldSchema field = schema.field(name);
            if (field == null) {
                throw ApiException.bad("INVALID_FIELD", "No such column '" + name + "' on sobject of type " + schema.name(), name);
            }
            if (create ? !field.createable() : !field.updateable()) {
                throw ApiException.bad("INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to " + (create ? "create" : "update") + " fields: "
                        + field.name() + ". Please check the security settings of this field and verify that it is read/write for your profile or permission set.", field.name());
            }
            out.put(field.name(), convert(field, e.getValue()));
        }
        return out;
    }

    private Object convert(FieldSchema field, Object value) {
        if (value == null) {
            return null;
        }
        String name = field.name();
        try {
            return switch (field.type()) {
                case BOOLEAN -> {
                    if (value instanceof Boolean b) {
                        yield b;
                    }
                    if ("true".equalsIgnoreCase(value.toString()) || "false".equalsIgnoreCase(value.toString())) {
                        yield Boolean.parseBoolean(value.toString());
                    }
                    throw ApiException.bad("JSON_PARSER_ERROR", "Cannot deserialize instance of boolean from VALUE_STRING value " + value, name);
                }
                case INT -> value instanceof Number n ? (Object) n.longValue() : (Object) Long.parseLong(value.toString());
                case DOUBLE -> value instanceof Number n ? (Object) n.doubleValue() : (Object) Double.parseDouble(value.toString());
                case DATE -> LocalDate.parse(value.toString());
                case DATETIME -> OffsetDateTime.parse(value.toString().replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant();
                case REFERENCE, ID -> {
                    String id = value.toString();
                    if (id.isEmpty()) {
                        yield null;
                    }
                    if (IdGenerator.key(id) == null) {
                        throw ApiException.bad("MALFORMED_ID", field.name() + ": id value of incorrect type: " + id, name);
                    }
                    Map<String, Object> target = liveById(id);
                    if (target == null || field.referenceTo().stream().noneMatch(t -> t.equalsIgnoreCase(typeOf(target)))) {
                        throw ApiException.bad("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", name);
                    }
                    yield IdGenerator.to18(IdGenerator.key(id));
                }
                default -> value.toString();
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw ApiException.bad("INVALID_TYPE_ON_FIELD_IN_RECORD", name + ": value not of required type: " + value, name);
        }
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

}
