package io.sfintegration;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code toLowerCase()} and {@code toUpperCase()} without a locale follow the JVM's default locale: on a Turkish
 * system lower-casing "ID" gives "ıd", and Salesforce names, permissions and header values stop matching. Every case
 * change in the sources names {@code Locale.ROOT}.
 */
class LocaleIndependentCaseTest {

    private static final Pattern DEFAULT_LOCALE = Pattern.compile("\\.to(Lower|Upper)Case\\(\\)");
    @Test
    void everyCaseChangeNamesALocale() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/test/java")))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> DEFAULT_LOCALE.matcher(read(p)).find())
                    .map(Path::toString).toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
