package io.sfintegration.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart ships the CRDs generated into crds/, byte for byte and under the same file names. */
class ChartCrdsTest {

    private static final String HOW_TO_FIX = "copy them again: rm -f helm/integration-user-operator/crds/* && "
            + "cp crds/*.yml helm/integration-user-operator/crds/";

    @Test
    void chartCrdsAreACopyOfTheGeneratedCrds() {
        var generated = ChartFiles.crdFiles(ChartFiles.CRDS).stream().map(p -> p.getFileName().toString()).toList();
        var shipped = ChartFiles.crdFiles(ChartFiles.CHART_CRDS).stream().map(p -> p.getFileName().toString()).toList();
        assertThat(generated).as("CRDs under crds/").isNotEmpty();
        assertThat(shipped).as("file names in the chart's crds/ (" + HOW_TO_FIX + ")").isEqualTo(generated);
        for (String name : generated) {
            Path source = ChartFiles.CRDS.resolve(name);
            Path copy = ChartFiles.CHART_CRDS.resolve(name);
            assertThat(ChartFiles.read(copy)).as(copy + " differs from " + source + " (" + HOW_TO_FIX + ")")
                    .isEqualTo(ChartFiles.read(source));
        }
    }
}
