package io.sfintegration.emulator.soql;

import io.sfintegration.emulator.soql.SoqlAst.And;
import io.sfintegration.emulator.soql.SoqlAst.Compare;
import io.sfintegration.emulator.soql.SoqlAst.CountItem;
import io.sfintegration.emulator.soql.SoqlAst.Expr;
import io.sfintegration.emulator.soql.SoqlAst.FieldItem;
import io.sfintegration.emulator.soql.SoqlAst.InList;
import io.sfintegration.emulator.soql.SoqlAst.Literal;
import io.sfintegration.emulator.soql.SoqlAst.LiteralKind;
import io.sfintegration.emulator.soql.SoqlAst.Name;
import io.sfintegration.emulator.soql.SoqlAst.Not;
import io.sfintegration.emulator.soql.SoqlAst.Or;
import io.sfintegration.emulator.soql.SoqlAst.OrderItem;
import io.sfintegration.emulator.soql.SoqlAst.RelativeDate;
import io.sfintegration.emulator.soql.SoqlAst.Select;
import io.sfintegration.emulator.soql.SoqlAst.SelectItem;
import io.sfintegration.emulator.soql.SoqlAst.SemiJoin;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Binds one parsed statement to an org's schema and runs it. One instance per execution: not shared.
 *
 * @param soql  the statement's text, for error positions
 * @param today what relative date literals (TODAY, LAST_N_DAYS:n) are measured from
 */
record QueryRunner(String soql, SoqlDataSource data, String apiVersion, boolean includeDeleted, LocalDate today) {
    private static final FieldSchema SYNTHETIC_ID = new FieldSchema("Id", FieldType.ID, null, List.of(), false, false,
            false);

    SoqlResult run(Select s) {
        ObjectSchema root = schemaOf(s.from());
        boolean countAll = false;
        List<CountItem> aggregates = new ArrayList<>();
        List<FieldPath> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Name firstField = null;
        for (SelectItem item : s.items()) {
            if (item instanceof CountItem c) {
                if (c.field() == null) {
                    countAll = true;
                } else {
                    resolve(root, c.field());
                    aggregates.add(c);
                }
            } else {
                Name n = ((FieldItem) item).path();
                FieldPath p = resolve(root, n);
                if (!seen.add(p.canonical().toLowerCase(Locale.ROOT))) {
                    throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, n.pos(), "duplicate field selected: "
                            + n.text());
                }
                if (firstField == null) {
                    firstField = n;
                }
                fields.add(p);
            }
        }
        if (countAll && s.items().size() > 1) {
            SelectItem other = s.items().get(s.items().get(0) instanceof CountItem c && c.field() == null ? 1 : 0);
            int pos = other instanceof CountItem c ? c.pos() : ((FieldItem) other).path().pos();
            throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, pos, "COUNT() must be the only element in the "
                    + "SELECT list.");
        }
        if (!aggregates.isEmpty() && firstField != null) {
            throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, firstField.pos(), "Field must be grouped or "
                    + "aggregated: " + firstField.text());
        }
        Predicate<Map<String, Object>> where = s.where() == null ? r -> true : compile(root, s.where(), false);
        List<FieldPath> orderPaths = new ArrayList<>();
        for (OrderItem o : s.orderBy()) {
            orderPaths.add(resolve(root, o.path()));
        }

        List<Map<String, Object>> matched = new ArrayList<>();
        for (Map<String, Object> r : data.records(root.name(), includeDeleted)) {
            if (where.test(r)) {
                matched.add(r);
            }
        }
        if (!aggregates.isEmpty()) {
            return aggregate(root, aggregates, matched);
        }
        if (!orderPaths.isEmpty()) {
            matched = sort(matched, s.orderBy(), orderPaths);
        }
        int from = s.offset() == null ? 0 : Math.min(s.offset(), matched.size());
        int to = s.limit() == null ? matched.size() : (int) Math.min((long) from + s.limit(), matched.size());
        List<Map<String, Object>> page = matched.subList(from, to);
        if (countAll) {
            return new SoqlResult(page.size(), List.of());
        }
        List<Map<String, Object>> rows = new ArrayList<>(page.size());
        for (Map<String, Object> r : page) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("attributes", attributes(root.name(), r.get("Id")));
            for (FieldPath p : fields) {
                place(out, r, p, 0);
            }
            rows.add(out);
        }
        return new SoqlResult(rows.size(), rows);
    }

    /** COUNT(field) without GROUP BY: one AggregateResult row, aliases defaulting to expr0, expr1, ... */
    private SoqlResult aggregate(ObjectSchema root, List<CountItem> items, List<Map<String, Object>> matched) {
        Map<String, Object> row = new LinkedHashMap<>();
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("type", "AggregateResult");
        row.put("attributes", attrs);
        int expr = 0;
        for (CountItem c : items) {
            FieldPath p = resolve(root, c.field());
            int count = 0;
            for (Map<String, Object> r : matched) {
                if (!isBlank(p.read(r, data))) {
                    count++;
                }
            }
            String alias = c.alias() != null ? c.alias() : "expr" + expr++;
            row.put(alias, count);
        }
        return new SoqlResult(1, List.of(row));
    }

    private void place(Map<String, Object> out, Map<String, Object> record, FieldPath p, int hop) {
        if (hop == p.hops().size()) {
            out.put(p.field().name(), SoqlValues.output(record.get(p.field().name())));
            return;
        }
        FieldSchema ref = p.hops().get(hop);
        String rel = ref.relationshipName();
        if (out.containsKey(rel) && out.get(rel) == null) {
            return;
        }
        Object id = record.get(ref.name());
        Map<String, Object> parent = id == null ? null : data.byId(id.toString());
        if (parent == null) {
            out.put(rel, null);
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) out.get(rel);
        if (nested == null) {
            nested = new LinkedHashMap<>();
            nested.put("attributes", attributes(typeOf(parent, p.targets().get(hop)), parent.get("Id")));
            out.put(rel, nested);
        }
        place(nested, parent, p, hop + 1);
    }

    private static String typeOf(Map<String, Object> record, List<ObjectSchema> candidates) {
        if (candidates.size() > 1 && record.get("Id") instanceof String id && id.length() >= 3) {
            for (ObjectSchema o : candidates) {
                if (id.startsWith(o.keyPrefix())) {
                    return o.name();
                }
            }
        }
        return candidates.get(0).name();
    }

    private Map<String, Object> attributes(String type, Object id) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        attrs.put("type", type);
        attrs.put("url", "/services/data/v" + apiVersion + "/sobjects/" + type + "/" + id);
        return attrs;
    }

    // ---- schema binding ----

    private ObjectSchema schemaOf(Name name) {
        ObjectSchema schema = data.schema(name.text());
        if (schema == null) {
            throw SoqlErrors.unknownType(soql, name.pos(), name.text());
        }
        return schema;
    }

    private FieldPath resolve(ObjectSchema root, Name name) {
        String[] parts = name.text().split("\\.", -1);
        List<ObjectSchema> candidates = List.of(root);
        List<FieldSchema> hops = new ArrayList<>();
        List<List<ObjectSchema>> targets = new ArrayList<>();
        StringBuilder canonical = new StringBuilder();
        int offset = 0;
        for (int k = 0; k < parts.length - 1; k++) {
            String part = parts[k];
            FieldSchema rel = null;
            for (ObjectSchema c : candidates) {
                rel = c.relationship(part);
                if (rel != null) {
                    break;
                }
            }
            List<ObjectSchema> next = new ArrayList<>();
            if (rel != null && rel.referenceTo() != null) {
                for (String t : rel.referenceTo()) {
                    ObjectSchema o = data.schema(t);
                    if (o != null) {
                        next.add(o);
                    }
                }
            }
            if (rel == null || next.isEmpty()) {
                throw SoqlErrors.badRelationship(soql, name.pos() + offset, part);
            }
            hops.add(rel);
            targets.add(List.copyOf(next));
            canonical.append(rel.relationshipName()).append('.');
            candidates = next;
            offset += part.length() + 1;
        }
        String last = parts[parts.length - 1];
        FieldSchema field = null;
        for (ObjectSchema c : candidates) {
            field = c.field(last);
            if (field != null) {
                break;
            }
        }
        if (field == null && last.equalsIgnoreCase("Id")) {
            field = SYNTHETIC_ID;
        }
        if (field == null) {
            throw SoqlErrors.noSuchColumn(soql, name.pos() + offset, last, candidates.get(0).name());
        }
        canonical.append(field.name());
        return new FieldPath(List.copyOf(hops), List.copyOf(targets), field, canonical.toString());
    }

    // ---- filters ----

    private Predicate<Map<String, Object>> compile(ObjectSchema root, Expr e, boolean inSubquery) {
        if (e instanceof And a) {
            List<Predicate<Map<String, Object>>> parts = new ArrayList<>();
            for (Expr p : a.parts()) {
                parts.add(compile(root, p, inSubquery));
            }
            return r -> {
                for (Predicate<Map<String, Object>> p : parts) {
                    if (!p.test(r)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (e instanceof Or o) {
            List<Predicate<Map<String, Object>>> parts = new ArrayList<>();
            for (Expr p : o.parts()) {
                parts.add(compile(root, p, inSubquery));
            }
            return r -> {
                for (Predicate<Map<String, Object>> p : parts) {
                    if (p.test(r)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (e instanceof Not n) {
            return compile(root, n.inner(), inSubquery).negate();
        }
        if (e instanceof Compare c) {
            return compare(root, c);
        }
        if (e instanceof InList in) {
            return inList(root, in);
        }
        SemiJoin sj = (SemiJoin) e;
        if (inSubquery) {
            throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, sj.pos(), "Nesting of semi join sub-selects is "
                    + "not supported");
        }
        return semiJoin(root, sj);
    }

    private static boolean compareResult(int c, String op) {
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

    /** A null field value satisfies only "!= value" (and "= null", handled separately). */
    private static boolean nullResult(String op) {
        return op.equals("!=");
    }

    private SoqlException typeMismatch(FieldPath p, Literal v) {
        FieldType t = p.field().type();
        String typeName;
        boolean quoted;
        if (SoqlValues.isText(t)) {
            typeName = "string";
            quoted = true;
        } else if (SoqlValues.isId(t)) {
            typeName = "id";
            quoted = true;
        } else {
            typeName = switch (t) {
                case BOOLEAN -> "boolean";
                case INT -> "int";
                case DOUBLE -> "double";
                case DATE -> "date";
                case DATETIME -> "dateTime";
                default -> t.describeName();
            };
            quoted = false;
        }
        return SoqlErrors.at(SoqlErrors.INVALID_FIELD, soql, v.pos(), "value of filter criterion for field '"
                + p.field().name() + "' must be of type " + typeName + " and should " + (quoted ? "" : "not ")
                + "be enclosed in quotes");
    }

    private SoqlException invalidOperator(FieldPath p, int pos) {
        return SoqlErrors.at(SoqlErrors.INVALID_QUERY_FILTER_OPERATOR, soql, pos, "invalid operator on "
                + p.field().type().describeName() + " field");
    }

    private SoqlException invalidId(Literal v) {
        return SoqlErrors.at(SoqlErrors.INVALID_QUERY_FILTER_OPERATOR, soql, v.pos(), "invalid ID field: " + v.value());
    }

    private Predicate<Map<String, Object>> compare(ObjectSchema root, Compare c) {
        FieldPath p = resolve(root, c.field());
        FieldType t = p.field().type();
        Literal v = c.value();
        String op = c.op();
        if (op.equals("LIKE")) {
            if (!SoqlValues.isText(t)) {
                throw invalidOperator(p, c.opPos());
            }
            if (v.kind() == LiteralKind.NULL) {
                return r -> false;
            }
            if (v.kind() != LiteralKind.STRING) {
                throw typeMismatch(p, v);
            }
            LikePattern pattern = v.likePattern();
            return r -> {
                Object x = p.read(r, data);
                return x != null && pattern.matches(x.toString());
            };
        }
        boolean emptyString = v.kind() == LiteralKind.STRING && ((String) v.value()).isEmpty()
                && (SoqlValues.isText(t) || SoqlValues.isId(t));
        if (v.kind() == LiteralKind.NULL || emptyString) {
            // Salesforce stores empty text as null, so '' and null filter alike
            if (op.equals("=")) {
                return r -> isBlank(p.read(r, data));
            }
            if (op.equals("!=")) {
                return r -> !isBlank(p.read(r, data));
            }
            return r -> false;
        }
        if (SoqlValues.isText(t)) {
            if (v.kind() != LiteralKind.STRING) {
                throw typeMismatch(p, v);
            }
            String key = SoqlValues.lower((String) v.value());
            return r -> {
                Object x = p.read(r, data);
                if (isBlank(x)) {
                    return nullResult(op);
                }
                return compareResult(SoqlValues.lower(x.toString()).compareTo(key), op);
            };
        }
        if (SoqlValues.isId(t)) {
            if (v.kind() != LiteralKind.STRING) {
                throw typeMismatch(p, v);
            }
            if (!SoqlValues.isValidId((String) v.value())) {
                throw invalidId(v);
            }
            String key = SoqlValues.idKey((String) v.value());
            return r -> {
                Object x = p.read(r, data);
                if (isBlank(x)) {
                    return nullResult(op);
                }
                return compareResult(SoqlValues.idKey(x.toString()).compareTo(key), op);
            };
        }
        switch (t) {
            case BOOLEAN: {
                if (v.kind() != LiteralKind.BOOLEAN) {
                    throw typeMismatch(p, v);
                }
                if (!op.equals("=") && !op.equals("!=")) {
                    throw invalidOperator(p, c.opPos());
                }
                boolean want = (Boolean) v.value();
                return r -> {
                    Object x = p.read(r, data);
                    if (x == null) {
                        return nullResult(op);
                    }
                    boolean b = x instanceof Boolean bool ? bool : Boolean.parseBoolean(x.toString());
                    return (b == want) == op.equals("=");
                };
            }
            case INT:
            case DOUBLE: {
                if (v.kind() != LiteralKind.NUMBER) {
                    throw typeMismatch(p, v);
                }
                double want = ((BigDecimal) v.value()).doubleValue();
                return r -> {
                    Double x = toDouble(p.read(r, data));
                    return x == null ? nullResult(op) : compareResult(Double.compare(x, want), op);
                };
            }
            case DATE: {
                if (v.kind() == LiteralKind.RELATIVE_DATE) {
                    LocalDate[] range = range((RelativeDate) v.value());
                    return r -> {
                        LocalDate x = SoqlValues.toDate(p.read(r, data));
                        return x == null ? nullResult(op) : inRange(x, range, op);
                    };
                }
                if (v.kind() != LiteralKind.DATE) {
                    throw typeMismatch(p, v);
                }
                LocalDate want = (LocalDate) v.value();
                return r -> {
                    LocalDate x = SoqlValues.toDate(p.read(r, data));
                    return x == null ? nullResult(op) : compareResult(x.compareTo(want), op);
                };
            }
            case DATETIME: {
                if (v.kind() == LiteralKind.RELATIVE_DATE) {
                    LocalDate[] range = range((RelativeDate) v.value());
                    return r -> {
                        Instant x = SoqlValues.toInstant(p.read(r, data));
                        return x == null ? nullResult(op) : inRange(LocalDate.ofInstant(x, ZoneOffset.UTC), range, op);
                    };
                }
                if (v.kind() != LiteralKind.DATETIME) {
                    throw typeMismatch(p, v);
                }
                Instant want = (Instant) v.value();
                return r -> {
                    Instant x = SoqlValues.toInstant(p.read(r, data));
                    return x == null ? nullResult(op) : compareResult(x.compareTo(want), op);
                };
            }
            default:
                throw invalidOperator(p, c.opPos());
        }
    }

    private static boolean isBlank(Object x) {
        return x == null || (x instanceof String s && s.isEmpty());
    }

    private static Double toDouble(Object x) {
        if (x instanceof Number n) {
            return n.doubleValue();
        }
        if (x instanceof String s) {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * Relative date literals as a half-open day range [start, end), in UTC (the emulated running user's zone)
     * (SOQL and SOSL Reference, "Date Formats and Date Literals").
     */
    private LocalDate[] range(RelativeDate d) {
        return switch (d.name()) {
            case "TODAY" -> new LocalDate[] {today, today.plusDays(1)};
            case "YESTERDAY" -> new LocalDate[] {today.minusDays(1), today};
            case "TOMORROW" -> new LocalDate[] {today.plusDays(1), today.plusDays(2)};
            case "LAST_N_DAYS" -> new LocalDate[] {today.minusDays(d.n()), today.plusDays(1)};
            case "NEXT_N_DAYS" -> new LocalDate[] {today.plusDays(1), today.plusDays(d.n() + 1L)};
            default -> throw new IllegalStateException(d.name());
        };
    }

    private static boolean inRange(LocalDate x, LocalDate[] range, String op) {
        boolean afterStart = !x.isBefore(range[0]);
        boolean beforeEnd = x.isBefore(range[1]);
        return switch (op) {
            case "=" -> afterStart && beforeEnd;
            case "!=" -> !(afterStart && beforeEnd);
            case "<" -> !afterStart;
            case "<=" -> beforeEnd;
            case ">" -> !beforeEnd;
            case ">=" -> afterStart;
            default -> false;
        };
    }

    private Predicate<Map<String, Object>> inList(ObjectSchema root, InList in) {
        FieldPath p = resolve(root, in.field());
        FieldType t = p.field().type();
        Set<Object> keys = new HashSet<>();
        boolean hasNull = false;
        for (Literal v : in.values()) {
            if (v.kind() == LiteralKind.NULL) {
                hasNull = true;
                continue;
            }
            Object key = literalKey(p, t, v);
            if (key == null) {
                hasNull = true;
            } else {
                keys.add(key);
            }
        }
        boolean nullIn = hasNull;
        boolean negated = in.negated();
        return r -> {
            Object k = rowKey(t, p.read(r, data));
            boolean member = k == null ? nullIn : keys.contains(k);
            return member != negated;
        };
    }

    private Object literalKey(FieldPath p, FieldType t, Literal v) {
        if (SoqlValues.isText(t)) {
            if (v.kind() != LiteralKind.STRING) {
                throw typeMismatch(p, v);
            }
            String s = (String) v.value();
            return s.isEmpty() ? null : SoqlValues.lower(s);
        }
        if (SoqlValues.isId(t)) {
            if (v.kind() != LiteralKind.STRING) {
                throw typeMismatch(p, v);
            }
            String s = (String) v.value();
            if (s.isEmpty()) {
                return null;
            }
            if (!SoqlValues.isValidId(s)) {
                throw invalidId(v);
            }
            return SoqlValues.idKey(s);
        }
        LiteralKind want = switch (t) {
            case BOOLEAN -> LiteralKind.BOOLEAN;
            case INT, DOUBLE -> LiteralKind.NUMBER;
            case DATE -> LiteralKind.DATE;
            case DATETIME -> LiteralKind.DATETIME;
            default -> null;
        };
        if (want == null) {
            throw invalidOperator(p, v.pos());
        }
        if (v.kind() != want) {
            throw typeMismatch(p, v);
        }
        return want == LiteralKind.NUMBER ? (Object) ((BigDecimal) v.value()).doubleValue() : v.value();
    }

    private static Object rowKey(FieldType t, Object x) {
        if (isBlank(x)) {
            return null;
        }
        if (SoqlValues.isText(t)) {
            return SoqlValues.lower(x.toString());
        }
        if (SoqlValues.isId(t)) {
            return SoqlValues.idKey(x.toString());
        }
        return switch (t) {
            case BOOLEAN -> x instanceof Boolean b ? b : Boolean.parseBoolean(x.toString());
            case INT, DOUBLE -> toDouble(x);
            case DATE -> SoqlValues.toDate(x);
            case DATETIME -> SoqlValues.toInstant(x);
            default -> x;
        };
    }

    /**
     * Semi-joins and anti-joins on id fields: the subquery runs once into a set, then each row is a set lookup
     * (SOQL and SOSL Reference, "Semi-Joins and Anti-Joins",
     * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_comparisonoperators.htm).
     */
    private Predicate<Map<String, Object>> semiJoin(ObjectSchema root, SemiJoin sj) {
        FieldPath left = resolve(root, sj.field());
        if (!SoqlValues.isId(left.field().type())) {
            throw SoqlErrors.at(SoqlErrors.INVALID_FIELD, soql, sj.field().pos(), "Invalid semi-join or anti-join "
                    + "field: " + sj.field().text() + ". The left operand must be an Id or reference field.");
        }
        Select sub = sj.subquery();
        ObjectSchema subSchema = schemaOf(sub.from());
        if (subSchema.name().equalsIgnoreCase(root.name())) {
            throw SoqlErrors.at(SoqlErrors.INVALID_TYPE, soql, sub.from().pos(), "The inner and outer selects should "
                    + "not be on the same object type");
        }
        if (sub.items().size() != 1 || !(sub.items().get(0) instanceof FieldItem item)) {
            throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, sj.pos(), "The selected field in a semi-join or "
                    + "anti-join subquery must be a single Id or reference field");
        }
        FieldPath inner = resolve(subSchema, item.path());
        if (!SoqlValues.isId(inner.field().type())) {
            throw SoqlErrors.at(SoqlErrors.MALFORMED_QUERY, soql, item.path().pos(), "The selected field '"
                    + item.path().text() + "' in a semi-join or anti-join subquery must be an Id or reference field");
        }
        Predicate<Map<String, Object>> where = sub.where() == null ? r -> true : compile(subSchema, sub.where(), true);
        Set<String> ids = new HashSet<>();
        for (Map<String, Object> r : data.records(subSchema.name(), includeDeleted)) {
            if (where.test(r)) {
                Object id = inner.read(r, data);
                if (!isBlank(id)) {
                    ids.add(SoqlValues.idKey(id.toString()));
                }
            }
        }
        boolean negated = sj.negated();
        return r -> {
            Object x = left.read(r, data);
            boolean member = !isBlank(x) && ids.contains(SoqlValues.idKey(x.toString()));
            return member != negated;
        };
    }

    // ---- ordering ----

    private record Keyed(Map<String, Object> row, Comparable<Object>[] keys) {
    }

    /**
     * ORDER BY: ascending by default, nulls first unless NULLS LAST, text compared case-insensitively (SOQL and SOSL
     * Reference, "ORDER BY", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_orderby.htm).
     */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> sort(List<Map<String, Object>> rows, List<OrderItem> items, List<FieldPath> paths) {
        List<Keyed> keyed = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            Comparable<Object>[] keys = new Comparable[paths.size()];
            for (int k = 0; k < paths.size(); k++) {
                FieldPath p = paths.get(k);
                keys[k] = (Comparable<Object>) rowKey(p.field().type(), p.read(r, data));
            }
            keyed.add(new Keyed(r, keys));
        }
        Comparator<Keyed> cmp = (a, b) -> {
            for (int k = 0; k < items.size(); k++) {
                OrderItem o = items.get(k);
                Comparable<Object> x = a.keys()[k];
                Comparable<Object> y = b.keys()[k];
                int c;
                if (x == null && y == null) {
                    c = 0;
                } else if (x == null) {
                    c = o.nullsLast() ? 1 : -1;
                } else if (y == null) {
                    c = o.nullsLast() ? -1 : 1;
                } else {
                    c = x.compareTo(y);
                    if (o.descending()) {
                        c = -c;
                    }
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        keyed.sort(cmp);
        List<Map<String, Object>> out = new ArrayList<>(keyed.size());
        for (Keyed k : keyed) {
            out.add(k.row());
        }
        return out;
    }
}
