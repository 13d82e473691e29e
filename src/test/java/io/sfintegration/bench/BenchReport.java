package io.sfintegration.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A benchmark's figures: printed as a table and written as JSON under target/bench/. */
public final class BenchReport {

    private final String name;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Map<String, Object> context = new LinkedHashMap<>();

    public BenchReport(String name) {
        this.name = name;
    }

    public BenchReport context(String key, Object value) {
        context.put(key, value);
        return this;
    }

    /** Adds a row; values in insertion order become the columns. */
    public BenchReport row(Map<String, Object> row) {
        rows.add(new LinkedHashMap<>(row));
        return this;
    }

    public void publish() {
        List<String> columns = new ArrayList<>();
        rows.forEach(r -> r.keySet().stream().filter(k -> !columns.contains(k)).forEach(columns::add));
        Map<String, Integer> widths = new LinkedHashMap<>();
        for (String c : columns) {
            int w = c.length();
            for (Map<String, Object> r : rows) {
                w = Math.max(w, format(r.get(c)).length());
            }
            widths.put(c, w);
        }
        StringBuilder out = new StringBuilder("\n== " + name + " ==\n");
        context.forEach((k, v) -> out.append(k).append(": ").append(format(v)).append('\n'));
        columns.forEach(c -> out.append(String.format("%-" + widths.get(c) + "s  ", c)));
        out.append('\n');
        columns.forEach(c -> out.append("-".repeat(widths.get(c))).append("  "));
        out.append('\n');
        for (Map<String, Object> r : rows) {
            columns.forEach(c -> out.append(String.format("%-" + widths.get(c) + "s  ", format(r.get(c)))));
            out.append('\n');
        }
        System.out.println(out);
        try {
            Path dir = Files.createDirectories(Path.of("target/bench"));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("benchmark", name);
            json.put("context", context);
            json.put("rows", rows);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(name + ".json").toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return String.format("%.3f", d);
        }
        return String.valueOf(v);
    }
}
