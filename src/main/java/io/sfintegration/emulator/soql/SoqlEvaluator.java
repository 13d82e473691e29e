package io.sfintegration.emulator.soql;

import io.sfintegration.emulator.soql.SoqlAst.And;
import io.sfintegration.emulator.soql.SoqlAst.Compare;
import io.sfintegration.emulator.soql.SoqlAst.Condition;
import io.sfintegration.emulator.soql.SoqlAst.In;
import io.sfintegration.emulator.soql.SoqlAst.Like;
import io.sfintegration.emulator.soql.SoqlAst.Not;
import io.sfintegration.emulator.soql.SoqlAst.Or;
import io.sfintegration.emulator.soql.SoqlAst.Order;
import io.sfintegration.emulator.soql.SoqlAst.Path;
import io.sfintegration.emulator.soql.SoqlAst.Query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Runs a parsed query against the data source. Text comparisons are case-insensitive and ids compare on their
 * case-sensitive 15-character form, as in Salesforce (SOQL reference, "Comparison Operators").
 */
final class SoqlEvaluator {

    private static final DateTimeFormatter DATETIME_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?");

    /** A field path resolved against the schema: the reference fields to follow, then the field read. */
    private record Resolved(List<FieldSchema> hops, List<String> relationshipNames, FieldSchema field, Path path) {
    }

    private final SoqlDataSource data;
    private final String apiVersion;
    private final boolean includeDeleted;
    private final Map<Query, Set<String>> semiJoins = new IdentityHashMap<>();
    private final Map<Condition, Object> prepared = new IdentityHashMap<>();

    SoqlEvaluator(SoqlDataSource data, String apiVersion, boolean includeDeleted) {
        this.data = data;
        this.apiVersion = apiVersion;
        this.includeDeleted = includeDeleted;
    }

    SoqlResult run(Query q) {
        ObjectSchema schema = schema(q.from());
        List<Resolved> fields = q.fields().stream().map(p -> resolve(schema, p)).toList();
        List<Map<String, Object>> rows = matching(q, schema, includeDeleted);
        if (q.count()) {
            return new SoqlResult(rows.size(), List.of());
        }
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (Map<String, Object> record : rows) {
            out.add(render(schema, record, fields));
        }
        return new SoqlResult(out.size(), out);
    }

    private List<Map<String, Object>> matching(Query q, ObjectSchema schema, boolean deleted) {
        if (q.where() != null) {
            validate(schema, q.where());
        }
        List<Resolved> orders = q.orderBy().stream().map(o -> resolve(schema, o.path())).toList();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> record : data.records(schema.name(), deleted)) {
            if (q.where() == null || test(schema, record, q.where())) {
                rows.add(record);
            }
        }
        if (!orders.isEmpty()) {
            Comparator<Map<String, Object>> cmp = null;
            for (int i = 0; i < orders.size(); i++) {
                Resolved r = orders.get(i);
                Order o = q.orderBy().get(i);
                Comparator<Map<String, Object>> one = (a, b) -> compareForOrder(value(a, r), value(b, r), o.nullsLast());
                if (o.descending()) {
                    Comparator<Map<String, Object>> asc = one;
                    one = (a, b) -> {
                        Object va = value(a, r);
                        Object vb = value(b, r);
                        if (va == null || vb == null) {
                            return compareForOrder(va, vb, o.nullsLast());
                        }
                        return -asc.compare(a, b);
                    };
                }
                cmp = cmp == null ? one : cmp.thenComparing(one);
            }
            rows.sort(cmp);
        }
        int from = q.offset() == null ? 0 : Math.min(rows.size(), q.offset());
        int to = q.limit() == null ? rows.size() : Math.min(rows.size(), from + q.limit());
        return rows.subList(from, to);
    }

    private ObjectSchema schema(String name) {
        ObjectSchema s = data.schema(name);
        if (s == null) {
            throw new SoqlException("INVALID_TYPE", "sObject type '" + name + "' is not supported. If you are attempting to use a custom object,"
                    + " be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
        }
        return s;
    }

    private Resolved resolve(ObjectSchema root, Path path) {
        ObjectSchema current = root;
        List<FieldSchema> hops = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> parts = path.parts();
        // a leading "Object." qualifier naming the FROM object is allowed
        int start = parts.size() > 1 && parts.get(0).equalsIgnoreCase(root.name()) && root.relationship(parts.get(0)) == null ? 1 : 0;
        for (int i = start; i < parts.size() - 1; i++) {
            FieldSchema ref = current.relationship(parts.get(i));
            if (ref == null) {
                throw noSuchColumn(parts.get(i), current, path);
            }
            hops.add(ref);
            names.add(ref.relationshipName());
            current = schema(ref.referenceTo().get(0));
        }
        String last = parts.get(parts.size() - 1);
        FieldSchema field = current.field(last);
        if (field == null) {
            throw noSuchColumn(last, current, path);
        }
        return new Resolved(hops, names, field, path);
    }

    private static SoqlException noSuchColumn(String name, ObjectSchema on, Path path) {
        if (on.relationship(name) != null) {
            return new SoqlException("INVALID_FIELD", "Didn't understand relationship '" + name + "' in field path '" + path.text()
                    + "'. Select a field of the relationship, e.g. " + name + ".Id.");
        }
        return new SoqlException("INVALID_FIELD", "No such column '" + name + "' on entity '" + on.name() + "'. If you are attempting"
                + " to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");
    }

    private Object value(Map<String, Object> record, Resolved r) {
        Map<String, Object> current = record;
        for (FieldSchema hop : r.hops()) {
            Object id = current.get(hop.name());
            if (id == null) {
                return null;
            }
            current = data.byId(id.toString());
            if (current == null) {
                return null;
            }
        }
        return current.get(r.field().name());
    }

    // ---- WHERE ----

    private void validate(ObjectSchema schema, Condition c) {
        if (c instanceof And a) {
            a.terms().forEach(t -> validate(schema, t));
        } else if (c instanceof Or o) {
            o.terms().forEach(t -> validate(schema, t));
        } else if (c instanceof Not n) {
            validate(schema, n.term());
        } else if (c instanceof Compare cmp) {
            Resolved r = resolve(schema, cmp.path());
            checkLiteral(r, cmp.value(), cmp.op());
            prepared.put(c, r);
        } else if (c instanceof Like l) {
            Resolved r = resolve(schema, l.path());
            if (!isText(r.field().type())) {
                throw new SoqlException("INVALID_FIELD", "invalid operator: LIKE can only be used with text fields, not " + r.path().text());
            }
            prepared.put(c, new Object[]{r, Pattern.compile(l.pattern().likeRegex(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)});
        } else if (c instanceof In in) {
            Resolved r = resolve(schema, in.path());
            Set<String> keys = new HashSet<>();
            boolean hasNull = false;
            if (in.subquery() != null) {
                keys = semiJoin(in.subquery());
            } else {
                for (Object v : in.values()) {
                    checkLiteral(r, v, "IN");
                    if (v == null) {
                        hasNull = true;
                    } else {
                        keys.add(key(r.field().type(), v));
                    }
                }
            }
            prepared.put(c, new Object[]{r, keys, hasNull});
        }
    }

    private boolean test(ObjectSchema schema, Map<String, Object> record, Condition c) {
        if (c instanceof And a) {
            for (Condition t : a.terms()) {
                if (!test(schema, record, t)) {
                    return false;
                }
            }
            return true;
        }
        if (c instanceof Or o) {
            for (Condition t : o.terms()) {
                if (test(schema, record, t)) {
                    return true;
                }
            }
            return false;
        }
        if (c instanceof Not n) {
            return !test(schema, record, n.term());
        }
        if (c instanceof Compare cmp) {
            Resolved r = (Resolved) prepared.get(c);
            return compare(r.field().type(), value(record, r), cmp.op(), cmp.value());
        }
        if (c instanceof Like) {
            Object[] p = (Object[]) prepared.get(c);
            Object v = value(record, (Resolved) p[0]);
            return v != null && ((Pattern) p[1]).matcher(v.toString()).matches();
        }
        In in = (In) c;
        Object[] p = (Object[]) prepared.get(c);
        Resolved r = (Resolved) p[0];
        @SuppressWarnings("unchecked")
        Set<String> keys = (Set<String>) p[1];
        Object v = value(record, r);
        boolean member = v == null ? (Boolean) p[2] : keys.contains(key(r.field().type(), v));
        return in.negated() != member;
    }

    private Set<String> semiJoin(Query sub) {
        return semiJoins.computeIfAbsent(sub, q -> {
            ObjectSchema schema = schema(q.from());
            Resolved field = resolve(schema, q.fields().get(0));
            if (field.field().type() != FieldType.ID && field.field().type() != FieldType.REFERENCE) {
                throw new SoqlException("INVALID_FIELD", "a semi-join sub-query must select an id or reference field, not " + field.path().text());
            }
            Set<String> keys = new HashSet<>();
            for (Map<String, Object> record : matching(q, schema, false)) {
                Object v = value(record, field);
                if (v != null) {
                    keys.add(key(FieldType.ID, v));
                }
            }
            return keys;
        });
    }

    private void checkLiteral(Resolved r, Object literal, String op) {
        if (literal == null) {
            return;
        }
        FieldType type = r.field().type();
        String name = r.path().text();
        boolean ok = switch (type) {
            case BOOLEAN -> literal instanceof Boolean;
            case INT, DOUBLE -> literal instanceof Number;
            case DATE -> literal instanceof LocalDate || literal instanceof SoqlParser.DateRange;
            case DATETIME -> literal instanceof Instant || literal instanceof SoqlParser.DateRange;
            default -> literal instanceof StringLiteral;
        };
        if (!ok) {
            String expected = switch (type) {
                case BOOLEAN -> "boolean and should not be enclosed in quotes";
                case INT, DOUBLE -> "number and should not be enclosed in quotes";
                case DATE -> "date and should not be enclosed in quotes";
                case DATETIME -> "dateTime and should not be enclosed in quotes";
                default -> "string and should be enclosed in quotes";
            };
            throw new SoqlException("INVALID_FIELD", "value of filter criterion for field '" + name + "' must be of type " + expected);
        }
        if ((type == FieldType.ID || type == FieldType.REFERENCE) && literal instanceof StringLiteral s && !ID.matcher(s.value()).matches()) {
            throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: " + s.value());
        }
        if (type == FieldType.BOOLEAN && !op.equals("=") && !op.equals("!=") && !op.equals("IN")) {
            throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR", "invalid operator on boolean field: " + name);
        }
    }

    private static boolean compare(FieldType type, Object actual, String op, Object literal) {
        if (literal == null) {
            return switch (op) {
                case "=" -> actual == null;
                case "!=" -> actual != null;
                default -> false;
            };
        }
        if (literal instanceof SoqlParser.DateRange range) {
            if (actual == null) {
                return op.equals("!=");
            }
            LocalDate d = actual instanceof Instant i ? i.atZone(ZoneOffset.UTC).toLocalDate() : (LocalDate) actual;
            return switch (op) {
                case "=" -> !d.isBefore(range.from()) && !d.isAfter(range.to());
                case "!=" -> d.isBefore(range.from()) || d.isAfter(range.to());
                case "<" -> d.isBefore(range.from());
                case "<=" -> !d.isAfter(range.to());
                case ">" -> d.isAfter(range.to());
                case ">=" -> !d.isBefore(range.from());
                default -> false;
            };
        }
        if (actual == null) {
            return op.equals("!=");
        }
        int c = compareNonNull(type, actual, literal);
        return switch (op) {
            case "=" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> false;
        };
    }

    private static int compareNonNull(FieldType type, Object actual, Object literal) {
        Object lit = literal instanceof StringLiteral s ? s.value() : literal;
        if (type == FieldType.ID || type == FieldType.REFERENCE) {
            return id15(actual.toString()).compareTo(id15(lit.toString()));
        }
        if (actual instanceof Number a && lit instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        if (actual instanceof Boolean a && lit instanceof Boolean b) {
            return Boolean.compare(a, b);
        }
        if (actual instanceof Instant a && lit instanceof Instant b) {
            return a.compareTo(b);
        }
        if (actual instanceof LocalDate a && lit instanceof LocalDate b) {
            return a.compareTo(b);
        }
        return actual.toString().compareToIgnoreCase(lit.toString());
    }

    private static String key(FieldType type, Object v) {
        Object value = v instanceof StringLiteral s ? s.value() : v;
        if (type == FieldType.ID || type == FieldType.REFERENCE) {
            return id15(value.toString());
        }
        if (value instanceof Number n) {
            return Double.toString(n.doubleValue());
        }
        return value.toString().toLowerCase(Locale.ROOT);
    }

    private static String id15(String id) {
        return id.length() >= 15 ? id.substring(0, 15) : id;
    }

    private static boolean isText(FieldType t) {
        return t == FieldType.STRING || t == FieldType.EMAIL || t == FieldType.PICKLIST || t == FieldType.TEXTAREA;
    }

    private static int compareForOrder(Object a, Object b, boolean nullsLast) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == nullsLast ? 1 : -1;
        }
        if (a instanceof String sa && b instanceof String sb) {
            return sa.compareToIgnoreCase(sb);
        }
        if (a instanceof Number na && b instanceof Number nb) {
            return Double.compare(na.doubleValue(), nb.doubleValue());
        }
        if (a instanceof Comparable<?> ca && a.getClass() == b.getClass()) {
            @SuppressWarnings("unchecked")
            Comparable<Object> c = (Comparable<Object>) ca;
            return c.compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    // ---- output ----

    private Map<String, Object> render(ObjectSchema schema, Map<String, Object> record, List<Resolved> fields) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("attributes", attributes(schema.name(), record));
        for (Resolved r : fields) {
            Map<String, Object> target = row;
            Map<String, Object> source = record;
            boolean broken = false;
            for (int i = 0; i < r.hops().size(); i++) {
                FieldSchema hop = r.hops().get(i);
                String relName = r.relationshipNames().get(i);
                Object id = source == null ? null : source.get(hop.name());
                Map<String, Object> parent = id == null ? null : data.byId(id.toString());
                if (parent == null) {
                    if (!target.containsKey(relName)) {
                        target.put(relName, null);
                    }
                    broken = true;
                    break;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> nested = (Map<String, Object>) target.get(relName);
                if (nested == null) {
                    nested = new LinkedHashMap<>();
                    nested.put("attributes", attributes(typeOf(hop, parent), parent));
                    target.put(relName, nested);
                }
                target = nested;
                source = parent;
            }
            if (!broken) {
                target.put(r.field().name(), output(source.get(r.field().name())));
            }
        }
        return row;
    }

    private String typeOf(FieldSchema hop, Map<String, Object> parent) {
        if (hop.referenceTo().size() == 1) {
            return data.schema(hop.referenceTo().get(0)).name();
        }
        Object type = parent.get("__type");
        return type != null ? type.toString() : hop.referenceTo().get(0);
    }

    private Map<String, Object> attributes(String type, Map<String, Object> record) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", type);
        attributes.put("url", "/services/data/v" + apiVersion + "/sobjects/" + type + "/" + record.get("Id"));
        return attributes;
    }

    private static Object output(Object v) {
        if (v instanceof Instant i) {
            return DATETIME_OUT.format(i);
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        return v;
    }
}
